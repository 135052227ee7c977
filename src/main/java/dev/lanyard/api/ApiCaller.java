package dev.lanyard.api;

import dev.lanyard.security.LanyardPrincipal;
import jakarta.security.enterprise.SecurityContext;

/** The caller of a /v2 API resource, or 401 AccessTokenInvalid when the bearer token was missing or not valid. */
public final class ApiCaller {

    private ApiCaller() {
    }

    public static LanyardPrincipal require(SecurityContext securityContext) {
        return securityContext.getPrincipalsByType(LanyardPrincipal.class).stream().findFirst()
                .orElseThrow(PdsException::accessTokenInvalid);
    }
}
