package dev.lanyard.oauth;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/**
 * Bounds on OAuth request parameters: each sent once and at most {@value #MAX_VALUE_LENGTH} characters, except a
 * JWT-bearer {@code assertion}, which may be as long as the assertion verifier accepts.
 */
public final class FormLimits {

    public static final int MAX_VALUE_LENGTH = 4096;
    private static final Map<String, Integer> LONGER = Map.of("assertion", dev.lanyard.assertion.AssertionVerifier.MAX_ASSERTION_LENGTH);

    private FormLimits() {
    }

    public static void check(MultivaluedMap<String, String> params) {
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            if (entry.getValue().size() > 1) {
                throw OAuthException.invalidRequest(entry.getKey() + " is repeated");
            }
            String value = entry.getValue().isEmpty() ? null : entry.getValue().get(0);
            if (value != null && value.length() > LONGER.getOrDefault(entry.getKey(), MAX_VALUE_LENGTH)) {
                throw OAuthException.invalidRequest(entry.getKey() + " is too long");
            }
        }
    }
}
