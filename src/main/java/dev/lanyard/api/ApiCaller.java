package dev.lanyard.api;

import dev.lanyard.accesskey.AccessKeyPrincipal;
import dev.lanyard.security.ApiAuthenticationFailure;
import dev.lanyard.security.LanyardPrincipal;
import dev.lanyard.user.Role;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller of a /v2 API resource (a bearer token's user, or a server that signed with an AccessKey pair), or the
 * refusal: 401 AccessTokenInvalid when no credentials were valid, or the specific reason an AccessKey request failed.
 */
public final class ApiCaller {

    private ApiCaller() {
    }

    public static LanyardPrincipal require(SecurityContext securityContext) {
        return require(securityContext, CDI.current().select(HttpServletRequest.class).get());
    }

    /** {@link #require(SecurityContext)} for a servlet, which has its request at hand. */
    static LanyardPrincipal require(SecurityContext securityContext, HttpServletRequest request) {
        return securityContext.getPrincipalsByType(LanyardPrincipal.class).stream().findFirst().orElseThrow(() -> {
            Object failure = request.getAttribute(ApiAuthenticationFailure.ATTRIBUTE);
            return failure instanceof ApiAuthenticationFailure refused
                    ? new PdsException(refused.status(), refused.code(), refused.message())
                    : PdsException.accessTokenInvalid();
        });
    }

    /**
     * The caller when its token's scope allows one of {@code scopes} (PDS's families: {@code USER.GET} is also allowed
     * by {@code USER.ALL} and {@code all}), else 403 ForbiddenNoPermission naming what is missing. A server signing
     * with an AccessKey pair has no scope to limit it.
     */
    public static LanyardPrincipal requireScope(LanyardPrincipal caller, String... scopes) {
        if (!caller.getScope().allowsAny(scopes)) {
            throw new PdsException(403, "ForbiddenNoPermission",
                    "the access token's scope does not allow this call (it needs " + String.join(" or ", scopes) + ")");
        }
        return caller;
    }

    /** The caller when it is an administrator (admin or superadmin) of its domain, else 403. */
    public static LanyardPrincipal requireAdministrator(SecurityContext securityContext) {
        LanyardPrincipal caller = require(securityContext);
        if (!caller.getRole().isAdministrator()) {
            throw PdsException.forbidden();
        }
        return caller;
    }

    /** The caller when it is a superadmin of its domain, else 403. */
    public static LanyardPrincipal requireSuperadmin(SecurityContext securityContext) {
        LanyardPrincipal caller = require(securityContext);
        if (caller.getRole() != Role.SUPERADMIN) {
            throw PdsException.forbidden();
        }
        return caller;
    }

    /**
     * Refuses (403) an administrator who is not a superadmin acting on superadmin rights: making, changing, deleting a
     * superadmin or changing its login identities. An admin who could link a phone number to a superadmin could sign
     * in as one.
     */
    public static void requireMayManage(LanyardPrincipal caller, Role role) {
        if (role == Role.SUPERADMIN && caller.getRole() != Role.SUPERADMIN) {
            throw new PdsException(403, "ForbiddenNoPermission", "only a superadmin manages superadmins");
        }
    }

    /** The caller when it signed with an AccessKey pair (a server), else 403: some calls are for servers only. */
    public static AccessKeyPrincipal requireAccessKey(SecurityContext securityContext, HttpServletRequest request) {
        if (require(securityContext, request) instanceof AccessKeyPrincipal server) {
            return server;
        }
        throw new PdsException(403, "ForbiddenNoPermission", "this call is for servers signing with an AccessKey pair");
    }
}
