package dev.lanyard.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a bearer token as Lanyard's own resource endpoints (userinfo, introspection, the /v2 API) must: a JWT of type
 * at+jwt (so an ID token is refused), signed by a key the domain publishes with that key's algorithm (never none, never
 * HMAC), from the domain's issuer, not expired, and neither revoked itself nor issued to a revoked refresh family.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    @Inject
    SigningKeyService keys;

    @Inject
    RefreshTokenService refreshTokens;

    @Inject
    Issuers issuers;

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;

    public Optional<JWTClaimsSet> verify(String domainId, String token) {
        if (token == null || token.length() > 8192) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!ALLOWED.contains(jwt.getHeader().getAlgorithm())
                    || !TokenService.ACCESS_TOKEN_TYPE.equals(jwt.getHeader().getType())
                    || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            Optional<JWK> key = keys.publishedKey(domainId, jwt.getHeader().getKeyID());
            if (key.isEmpty() || !jwt.getHeader().getAlgorithm().equals(key.get().getAlgorithm())) {
                return Optional.empty();
            }
            JWSVerifier verifier = key.get() instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key.get());
            if (!jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!issuers.issuerOf(domainId).equals(claims.getIssuer()) || claims.getExpirationTime() == null
                    || !claims.getExpirationTime().toInstant().isAfter(now) || claims.getJWTID() == null) {
                return Optional.empty();
            }
            if (em.find(RevokedAccessToken.class, claims.getJWTID()) != null) {
                return Optional.empty();
            }
            String family = claims.getStringClaim("sid");
            if (family != null && refreshTokens.isFamilyRevoked(family)) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | JOSEException | ClassCastException malformed) {
            return Optional.empty();
        }
    }
}
