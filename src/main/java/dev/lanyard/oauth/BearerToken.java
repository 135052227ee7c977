package dev.lanyard.oauth;

import java.util.Optional;

/** The token of an {@code Authorization: Bearer ...} header (RFC 6750). */
public final class BearerToken {

    private BearerToken() {
    }

    public static Optional<String> from(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
