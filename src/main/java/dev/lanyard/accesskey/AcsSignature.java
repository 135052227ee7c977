package dev.lanyard.accesskey;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PDS's AccessKey signature: {@code Authorization: acs <AccessKeyId>:<Signature>}, where Signature is
 * base64(HMAC-SHA1(secret, StringToSign)) and StringToSign is VERB, Accept, Content-MD5, Content-Type and Date, each
 * followed by a newline, then the canonicalized {@code x-acs-*} headers (names lower-cased and sorted, each
 * {@code name:value\n}, values trimmed with tabs and newlines turned into spaces), then the canonicalized resource
 * (the path, and {@code ?} with the query parameters sorted by name as {@code k=v} joined by {@code &}).
 */
public final class AcsSignature {

    private AcsSignature() {
    }

    /** The string to sign of a request; {@code headers} maps every header name (any case) to its value. */
    public static String stringToSign(String method, Map<String, String> headers, String path, Map<String, List<String>> query) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        StringBuilder text = new StringBuilder()
                .append(method.toUpperCase(Locale.ROOT)).append('\n')
                .append(lower.getOrDefault("accept", "")).append('\n')
                .append(lower.getOrDefault("content-md5", "")).append('\n')
                .append(lower.getOrDefault("content-type", "")).append('\n')
                .append(lower.getOrDefault("date", "")).append('\n');
        lower.forEach((name, value) -> {
            if (name.startsWith("x-acs-")) {
                text.append(name).append(':').append(value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ').trim()).append('\n');
            }
        });
        text.append(path);
        if (query != null && !query.isEmpty()) {
            StringBuilder resource = new StringBuilder();
            new TreeMap<>(query).forEach((name, values) -> {
                for (String value : values) {
                    resource.append(resource.isEmpty() ? "" : "&").append(name);
                    if (value != null && !value.isEmpty()) {
                        resource.append('=').append(value);
                    }
                }
            });
            text.append('?').append(resource);
        }
        return text.toString();
    }

    public static String sign(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
