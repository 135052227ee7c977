package dev.lanyard.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.SortedMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's RPC request signature (version 1.0, HMAC-SHA1), as the SMS API (dysmsapi SendSms) takes it:
 * Base64(HMAC-SHA1(secret + "&", METHOD + "&" + enc("/") + "&" + enc(sorted, encoded query))).
 */
public final class AliyunRpcSignature {

    private AliyunRpcSignature() {
    }

    public static String sign(String httpMethod, SortedMap<String, String> parameters, String accessKeySecret) {
        String canonical = parameters.entrySet().stream()
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        String stringToSign = httpMethod + "&" + percentEncode("/") + "&" + percentEncode(canonical);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    /** RFC 3986 encoding as Alibaba Cloud wants it: space as %20, '*' encoded, '~' not. */
    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
