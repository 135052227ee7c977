package dev.lanyard.it.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a QR code the way a phone would: from the page's SVG data URI, through ZXing's decoder. */
public final class QrImages {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");
    private static final int SCALE = 4;

    private QrImages() {
    }

    public static String decodeSvgDataUri(String dataUri) throws Exception {
        String prefix = "data:image/svg+xml;base64,";
        if (!dataUri.startsWith(prefix)) {
            throw new IllegalArgumentException("not an SVG data URI: " + dataUri.substring(0, Math.min(40, dataUri.length())));
        }
        String svg = new String(Base64.getDecoder().decode(dataUri.substring(prefix.length())), StandardCharsets.UTF_8);
        Matcher box = VIEW_BOX.matcher(svg);
        if (!box.find()) {
            throw new IllegalArgumentException("no viewBox");
        }
        int width = Integer.parseInt(box.group(1));
        int height = Integer.parseInt(box.group(2));
        int[] pixels = new int[width * SCALE * height * SCALE];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            for (int dy = 0; dy < SCALE; dy++) {
                for (int dx = 0; dx < SCALE; dx++) {
                    pixels[(y * SCALE + dy) * width * SCALE + x * SCALE + dx] = 0xFF000000;
                }
            }
        }
        RGBLuminanceSource source = new RGBLuminanceSource(width * SCALE, height * SCALE, pixels);
        // a rendered code, not a photo: no need to search for it
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                java.util.Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
