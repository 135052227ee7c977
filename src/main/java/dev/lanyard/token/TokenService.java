package dev.lanyard.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.app.App;
import dev.lanyard.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import static dev.lanyard.config.JsonSupport.JSON;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The only place that mints tokens. Access tokens are JWTs (RFC 9068, {@code typ: at+jwt}) with PDS's own claims
 * beside the standard ones; ID tokens follow OpenID Connect; refresh tokens are opaque and live in families.
 */
@ApplicationScoped
public class TokenService {

    public static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    @Inject
    SigningKeyService keys;

    @Inject
    RefreshTokenService refreshTokens;

    @Inject
    Issuers issuers;

    @Inject
    TokenSettings settings;

    @Inject
    Clock clock;

    /** Everything a token response needs. {@code refreshToken} and {@code idToken} may be null. */
    public record IssuedTokens(String accessToken, Instant accessTokenExpiresAt, long expiresIn, String refreshToken,
                               String idToken, String familyId, String scope) {
    }

    /** Tokens for a fresh login: a new refresh family, an access token, and an ID token when the scope asks for one. */
    public IssuedTokens issueForLogin(App app, User user, String scope, Instant authTime, String nonce) {
        RefreshTokenService.Rotation family = refreshTokens.startFamily(app.getDomainId(), app.getAppId(), user.getUserId(),
                scope, authTime, Duration.ofSeconds(app.getRefreshTokenSeconds()));
        return tokens(Client.of(app), user, scope, authTime, nonce, family.family().getFamilyId(), family.newToken());
    }

    /** Tokens after a refresh-token rotation: same family, new access token. */
    public IssuedTokens issueForRefresh(App app, User user, RefreshFamily family, String newRefreshToken) {
        return tokens(Client.of(app), user, family.getScope(), family.getAuthTime(), null, family.getFamilyId(), newRefreshToken);
    }

    /**
     * An access token for a user who is not present (a JWT-bearer assertion): no refresh token (the caller can always
     * ask again), an ID token only when the app's scopes include openid; the caller records in the audit log that it
     * was minted this way.
     */
    public IssuedTokens issueOnBehalf(App app, User user, String scope) {
        return tokens(Client.of(app), user, scope, clock.instant(), null, null, null);
    }

    /**
     * An access token minted for a server that signed with an AccessKey pair (PDS's get_access_token): the AccessKey is
     * the client ({@code client_id} "accesskey:&lt;id&gt;"), the lifetime the default of apps, the scope "all".
     */
    public IssuedTokens issueForAccessKey(String domainId, String accessKeyId, User user) {
        return tokens(new Client(domainId, "accesskey:" + accessKeyId, App.DEFAULT_ACCESS_TOKEN_SECONDS), user, "all",
                clock.instant(), null, null, null);
    }

    /** Who a token is for: its domain, its client_id (aud) and how long its access tokens live. */
    private record Client(String domainId, String clientId, int accessTokenSeconds) {
        static Client of(App app) {
            return new Client(app.getDomainId(), app.getAppId(), app.getAccessTokenSeconds());
        }
    }

    /**
     * The domain's service token for a JWT app allowed to ask for it: sub is the domain id, {@code sub_type} is
     * "service", and the rights are a superadmin's.
     */
    public IssuedTokens issueServiceToken(App app) {
        return tokens(Client.of(app), User.serviceAccountOf(app.getDomainId(), clock.instant()), scopeOf(app), clock.instant(),
                null, null, null);
    }

    /**
     * A JWT-bearer assertion for an upstream service where Lanyard is a JWT app (the bridge): iss the upstream app,
     * sub the user, sub_type user, aud the upstream domain, a fresh jti, valid for a minute; signed with the private
     * key that upstream app registered (RS256 for RSA, ES256/384/512 for EC P-256/384/521), not with Lanyard's own keys.
     */
    public String upstreamAssertion(String appId, String kid, java.security.PrivateKey key, String userId, String audience) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(appId).subject(userId).claim("sub_type", "user")
                .audience(audience).jwtID(OpaqueSecrets.newId() + OpaqueSecrets.newId().substring(0, 8))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).build();
        try {
            boolean ec = key instanceof java.security.interfaces.ECPrivateKey;
            JWSHeader.Builder header = new JWSHeader.Builder(ec
                    ? ecAlgorithm((java.security.interfaces.ECPrivateKey) key) : com.nimbusds.jose.JWSAlgorithm.RS256)
                    .type(JOSEObjectType.JWT);
            if (kid != null) {
                header.keyID(kid);
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(ec ? new com.nimbusds.jose.crypto.ECDSASigner((java.security.interfaces.ECPrivateKey) key)
                    : new com.nimbusds.jose.crypto.RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the upstream assertion", e);
        }
    }

    /** ES256, ES384 or ES512, as the key's curve (P-256, P-384, P-521) requires. */
    private static com.nimbusds.jose.JWSAlgorithm ecAlgorithm(java.security.interfaces.ECPrivateKey key) throws JOSEException {
        com.nimbusds.jose.jwk.Curve curve = com.nimbusds.jose.jwk.Curve.forECParameterSpec(key.getParams());
        if (com.nimbusds.jose.jwk.Curve.P_256.equals(curve)) {
            return com.nimbusds.jose.JWSAlgorithm.ES256;
        } else if (com.nimbusds.jose.jwk.Curve.P_384.equals(curve)) {
            return com.nimbusds.jose.JWSAlgorithm.ES384;
        } else if (com.nimbusds.jose.jwk.Curve.P_521.equals(curve)) {
            return com.nimbusds.jose.JWSAlgorithm.ES512;
        }
        throw new JOSEException("the upstream key's curve is not P-256, P-384 or P-521");
    }

    /** The scope of tokens an app gets without an authorization request: its registered scopes, or "all". */
    public static String scopeOf(App app) {
        return app.getScopes().isEmpty() ? "all" : String.join(" ", app.getScopes());
    }

    private IssuedTokens tokens(Client client, User user, String scope, Instant authTime, String nonce, String familyId,
                                String refreshToken) {
        Instant now = clock.instant();
        long lifetime = Math.min(client.accessTokenSeconds(), settings.maxAccessTokenLifetime().toSeconds());
        Instant expiresAt = now.plusSeconds(lifetime);
        String accessToken = sign(client.domainId(), ACCESS_TOKEN_TYPE, accessClaims(client, user, scope, familyId, now, expiresAt, authTime));
        String idToken = scopeHas(scope, "openid")
                ? sign(client.domainId(), JOSEObjectType.JWT, idClaims(client, user, now, expiresAt, authTime, nonce))
                : null;
        return new IssuedTokens(accessToken, expiresAt, lifetime, refreshToken, idToken, familyId, scope);
    }

    /**
     * Whether a token signed for {@code signedFor} says about the user what one signed for {@code now} would: the same
     * user, role and name (the id token's nickname), the user fields that {@link #accessClaims} and {@link #idClaims}
     * sign. A token signed for a user as a node remembered them is answered only if so ({@code user/RecentUsers}).
     */
    public static boolean signsAlike(User signedFor, User now) {
        return signedFor.getDomainId().equals(now.getDomainId()) && signedFor.getUserId().equals(now.getUserId())
                && signedFor.getRole() == now.getRole() && signedFor.displayName().equals(now.displayName())
                && signedFor.isServiceAccount() == now.isServiceAccount();
    }

    private JWTClaimsSet accessClaims(Client client, User user, String scope, String familyId, Instant now, Instant exp, Instant authTime) {
        String customJson = JSON.createObjectBuilder()
                .add("clientId", client.clientId())
                .add("domainId", client.domainId())
                .add("scope", scope == null ? "" : scope)
                .add("role", user.getRole().wireName())
                .build().toString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuers.issuerOf(client.domainId()))
                .subject(user.getUserId())
                .audience(List.of(client.clientId()))
                .claim("client_id", client.clientId())
                .claim("scope", scope == null ? "" : scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .jwtID(OpaqueSecrets.newId())
                .claim("auth_time", authTime.getEpochSecond())
                .claim("userId", user.getUserId())
                .claim("customJson", customJson);
        if (familyId != null) {
            claims.claim("sid", familyId); // the refresh family: revoking it revokes this token
        }
        if (user.isServiceAccount()) {
            claims.claim("sub_type", "service");
        }
        return claims.build();
    }

    private JWTClaimsSet idClaims(Client client, User user, Instant now, Instant exp, Instant authTime, String nonce) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuers.issuerOf(client.domainId()))
                .subject(user.getUserId())
                .audience(client.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .claim("auth_time", authTime.getEpochSecond())
                .claim("nickname", user.displayName());
        if (nonce != null) {
            builder.claim("nonce", nonce);
        }
        return builder.build();
    }

    private String sign(String domainId, JOSEObjectType type, JWTClaimsSet claims) {
        SigningKeyService.ActiveKey key = keys.activeKey(domainId);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm()).keyID(key.kid()).type(type).build(), claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    public static boolean scopeHas(String scope, String wanted) {
        return scope != null && List.of(scope.split(" ")).contains(wanted);
    }
}
