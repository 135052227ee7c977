package dev.lanyard.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the redirect back to the app: its redirect URI plus code or error, state and iss (RFC 9207). */
public final class AuthorizationResponses {

    private AuthorizationResponses() {
    }

    public static String success(String redirectUri, String code, String state, String issuer) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", state);
        params.put("iss", issuer);
        return append(redirectUri, params);
    }

    public static String error(String redirectUri, String error, String description, String state, String issuer) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", state);
        params.put("iss", issuer);
        return append(redirectUri, params);
    }

    static String append(String uri, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(uri);
        char separator = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (p.getValue() == null) {
                continue;
            }
            sb.append(separator).append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return sb.toString();
    }
}
