package dev.lanyard.security;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.lanyard.domain.DomainService;
import dev.lanyard.token.AccessTokenVerifier;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Bearer access tokens on the /v2 API: the token must verify for the domain of the request (signature by a published
 * key, issuer, expiry, not revoked, family not revoked) and its user must still be able to sign in. The caller's role
 * is read from the user, so a demoted or disabled user loses rights at once.
 */
@ApplicationScoped
public class BearerAuthentication {

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    DomainService domains;

    @Inject
    UserService users;

    public Optional<LanyardPrincipal> authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String domainId = domains.domainIdOf(request);
        Optional<JWTClaimsSet> claims = verifier.verify(domainId, header.substring(7).trim());
        if (claims.isPresent() && isServiceToken(claims.get(), domainId)) {
            // the domain's service account: superadmin rights, no user row behind it
            return Optional.of(new LanyardPrincipal(domainId, domainId, "Service account", Role.SUPERADMIN));
        }
        return claims.flatMap(c -> users.find(domainId, c.getSubject())).filter(User::canSignIn)
                .map(u -> new LanyardPrincipal(u.getDomainId(), u.getUserId(), u.displayName(), u.getRole()));
    }

    private static boolean isServiceToken(JWTClaimsSet claims, String domainId) {
        try {
            return "service".equals(claims.getStringClaim("sub_type")) && domainId.equals(claims.getSubject());
        } catch (java.text.ParseException notAString) {
            return false;
        }
    }

    /** Whether this request is a call of the bearer-token API (the OAuth endpoints authenticate their clients themselves). */
    public static boolean isApiRequest(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return path.startsWith("/v2/") && !path.startsWith("/v2/oauth/");
    }
}
