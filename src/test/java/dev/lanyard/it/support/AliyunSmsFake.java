package dev.lanyard.it.support;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fake of Alibaba Cloud SMS (dysmsapi SendSms) for WireMock: it checks the RPC signature with its own
 * implementation (written from Alibaba Cloud's documentation, not shared with Lanyard's) and answers as the real API
 * does: {@code Code: OK}, {@code isv.BUSINESS_LIMIT_CONTROL} for numbers ending in 0001 (the provider's own flow
 * control), HTTP 400 {@code SignatureDoesNotMatch} for a bad signature, HTTP 404 {@code InvalidAccessKeyId.NotFound}.
 */
public final class AliyunSmsFake implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "aliyun-sms";

    private final Map<String, String> secretsByAccessKeyId;

    public AliyunSmsFake(Map<String, String> secretsByAccessKeyId) {
        this.secretsByAccessKeyId = secretsByAccessKeyId;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Map<String, String> form = decodeForm(serveEvent.getRequest().getBodyAsString());
        String requestId = java.util.UUID.randomUUID().toString().toUpperCase();
        String secret = secretsByAccessKeyId.get(form.get("AccessKeyId"));
        if (secret == null) {
            return answer(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", requestId);
        }
        String signature = form.remove("Signature");
        if (signature == null || !signature.equals(expectedSignature(serveEvent.getRequest().getMethod().getName(), form, secret))) {
            return answer(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.", requestId);
        }
        if (!"SendSms".equals(form.get("Action")) || !"2017-05-25".equals(form.get("Version"))) {
            return answer(400, "InvalidAction.NotFound", "Specified api is not found.", requestId);
        }
        if (form.getOrDefault("PhoneNumbers", "").endsWith("0001")) {
            return answer(200, "isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1", requestId);
        }
        return ResponseDefinition.okForJson(Map.of("Code", "OK", "Message", "OK", "RequestId", requestId,
                "BizId", "900619746936498440^0"));
    }

    private static ResponseDefinition answer(int status, String code, String message, String requestId) {
        return new ResponseDefinition(status, "{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\",\"RequestId\":\""
                + requestId + "\"}");
    }

    /** Alibaba Cloud's signature v1.0, as its documentation describes it, step by step. */
    static String expectedSignature(String method, Map<String, String> parameters, String secret) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(parameters).entrySet()) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        String stringToSign = method + "&%2F&" + encode(query.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Percent-encoding per RFC 3986 unreserved characters: A-Z a-z 0-9 - _ . ~ stay, everything else is %XX of UTF-8. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    public static Map<String, String> decodeForm(String body) {
        Map<String, String> form = new TreeMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
