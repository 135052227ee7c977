package dev.lanyard.security;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.lanyard.accesskey.AccessKeys;
import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.domain.DomainService;
import dev.lanyard.token.AccessTokenVerifier;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Bearer access tokens on the /v2 API: the token must verify for the domain of the request (signature by a published
 * key, issuer, expiry, not revoked, family not revoked), what issued it must still be there (its app enabled, its
 * AccessKey enabled, service tokens still allowed) and its user must still be able to sign in and be the user it was
 * issued to (not a new user who took a deleted one's user_id). The caller's role is read from the user, so a demoted
 * or disabled user loses rights at once, and is capped by the client: a third-party app's token never carries
 * administrator rights, an AccessKey's token no more than the key's role. What the token may call is further limited
 * by its {@code scope} claim ({@link TokenScope}).
 */
@ApplicationScoped
public class BearerAuthentication {

    private static final String ACCESS_KEY_CLIENT = "accesskey:";

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    DomainService domains;

    @Inject
    UserService users;

    @Inject
    AppService apps;

    @Inject
    AccessKeys accessKeys;

    public Optional<LanyardPrincipal> authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String domainId = domains.domainIdOf(request);
        return verifier.verify(domainId, header.substring(7).trim()).flatMap(claims -> principalOf(domainId, claims));
    }

    private Optional<LanyardPrincipal> principalOf(String domainId, JWTClaimsSet claims) {
        String clientId = stringClaim(claims, "client_id");
        if (clientId == null) {
            return Optional.empty();
        }
        Optional<App> app = Optional.empty();
        Role clientLimit;
        LanyardPrincipal.Via via;
        if (clientId.startsWith(ACCESS_KEY_CLIENT)) {
            // get_access_token: the key must still be enabled, and its token never does more than the key
            Optional<AccessKeys.Usable> key = accessKeys.usable(clientId.substring(ACCESS_KEY_CLIENT.length()))
                    .filter(k -> k.domainId().equals(domainId));
            if (key.isEmpty()) {
                return Optional.empty();
            }
            clientLimit = key.get().role();
            via = LanyardPrincipal.Via.USER;
        } else {
            app = apps.findCached(domainId, clientId).filter(App::isEnabled);
            if (app.isEmpty()) {
                return Optional.empty();
            }
            clientLimit = app.get().isFirstParty() ? Role.SUPERADMIN : Role.USER;
            via = app.get().isFirstParty() ? LanyardPrincipal.Via.USER : LanyardPrincipal.Via.THIRD_PARTY_APP;
        }
        TokenScope scope = TokenScope.ofClaim(stringClaim(claims, "scope"));
        if ("service".equals(stringClaim(claims, "sub_type"))) {
            // the domain's service account: superadmin rights, no user row behind it, only while the app may have it
            if (app.isEmpty() || !app.get().isServiceTokens() || !domainId.equals(claims.getSubject())) {
                return Optional.empty();
            }
            return Optional.of(new LanyardPrincipal(domainId, domainId, "Service account", Role.SUPERADMIN,
                    LanyardPrincipal.Via.SERVICE, scope));
        }
        Role limit = clientLimit;
        return users.find(domainId, claims.getSubject()).filter(User::canSignIn)
                .filter(user -> issuedAfterCreation(claims, user))
                .map(u -> new LanyardPrincipal(u.getDomainId(), u.getUserId(), u.displayName(), atMost(u.getRole(), limit), via, scope));
    }

    /** A token older than its user was issued to an earlier user with the same user_id (since deleted). */
    private static boolean issuedAfterCreation(JWTClaimsSet claims, User user) {
        return claims.getIssueTime() != null
                && !claims.getIssueTime().toInstant().isBefore(user.getCreatedAt().truncatedTo(ChronoUnit.SECONDS));
    }

    /** The lesser of two roles (SUPERADMIN > ADMIN > USER). */
    private static Role atMost(Role role, Role limit) {
        return role.ordinal() >= limit.ordinal() ? role : limit;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException notAString) {
            return null;
        }
    }

    /** Whether this request is a call of the bearer-token API (the OAuth endpoints authenticate their clients themselves). */
    public static boolean isApiRequest(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return path.startsWith("/v2/") && !path.startsWith("/v2/oauth/");
    }
}
