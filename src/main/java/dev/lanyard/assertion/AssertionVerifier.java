package dev.lanyard.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.app.App;
import dev.lanyard.app.AppService;
import dev.lanyard.app.AppType;
import dev.lanyard.security.ReplayGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JWT-bearer assertion of a JWT app, in an order that spends nothing on strangers: the shape; the app it
 * names as iss (a JWT app of this domain, enabled); the key its kid names (only the app's own keys: jku, x5u and jwk
 * headers are never looked at); the algorithm, allow-listed for that key's type (never HS*, never none); the
 * signature; then exp (in the future, within the clock skew), exp - iat (at most the maximum lifetime), nbf, aud
 * (the domain id or the token endpoint URL, exactly), sub and sub_type, and last the jti's shape. The caller records
 * the jti as used ({@link Verified#jti()}, with ReplayGuard or FirstUseBatches) before it answers, so that an assertion
 * works once, on any node, until it could not be accepted anyway.
 */
@ApplicationScoped
public class AssertionVerifier {

    public static final int MAX_ASSERTION_LENGTH = 16 * 1024;
    /** The kind of one-time value an assertion's jti is recorded as. */
    public static final String JTI_KIND = "jti";
    /** What a grant answers for an assertion whose jti was recorded before. */
    public static final String ALREADY_USED = "this assertion (jti) was already used";
    private static final int MAX_KID_LENGTH = 128;
    private static final Set<JWSAlgorithm> RSA_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Map<Curve, JWSAlgorithm> EC_ALGORITHMS = Map.of(Curve.P_256, JWSAlgorithm.ES256,
            Curve.P_384, JWSAlgorithm.ES384, Curve.P_521, JWSAlgorithm.ES512);

    @Inject
    AppService apps;

    @Inject
    AppKeys keys;

    @Inject
    AssertionSettings settings;

    @Inject
    Clock clock;

    /**
     * What a valid assertion asks for. {@code subject} is a user_id, or the domain id for a service token; {@code jti}
     * is the one-time value the caller must record as used, also when it refuses the grant.
     */
    public record Verified(App app, String subject, boolean service, boolean autoCreate, String nickName, String avatar,
                           ReplayGuard.OneTimeValue jti) {
    }

    /**
     * @param clientId      the token request's client_id, when it sent one (it must be the assertion's iss)
     * @param tokenEndpoint the token endpoint's URL, the other audience an assertion may name
     */
    public Verified verify(String domainId, String assertion, String clientId, String tokenEndpoint) {
        if (assertion == null || assertion.isBlank()) {
            throw new AssertionRefused("assertion is required");
        }
        if (assertion.length() > MAX_ASSERTION_LENGTH) {
            throw new AssertionRefused("the assertion is too long");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException malformed) {
            throw new AssertionRefused("the assertion is not a signed JWT");
        }
        String issuer = claims.getIssuer();
        if (issuer == null || issuer.length() > 64) {
            throw new AssertionRefused("iss (the app_id) is missing");
        }
        if (clientId != null && !clientId.equals(issuer)) {
            throw new AssertionRefused("client_id is not the assertion's iss");
        }
        App app = apps.findCached(domainId, issuer).filter(a -> a.getType() == AppType.JWT && a.isEnabled())
                .orElseThrow(() -> new AssertionRefused("iss is not an enabled JWT app of this domain"));
        String kid = jwt.getHeader().getKeyID();
        if (kid != null && (kid.isEmpty() || kid.length() > MAX_KID_LENGTH)) {
            throw new AssertionRefused("kid is not a key id");
        }
        JWK key = keys.find(app, kid).orElseThrow(() -> new AssertionRefused(kid == null
                ? "the assertion names no kid and the app has not exactly one key" : "the app has no key with this kid"));
        verifySignature(jwt, key);
        checkTimes(claims);
        checkAudience(claims, domainId, tokenEndpoint);

        String subType = stringClaim(claims, "sub_type");
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > 64) {
            throw new AssertionRefused("sub is missing");
        }
        boolean service;
        if ("service".equals(subType)) {
            if (!subject.equals(domainId)) {
                throw new AssertionRefused("a service assertion's sub is the domain id");
            }
            if (!app.isServiceTokens()) {
                throw new AssertionRefused("this app may not ask for service tokens");
            }
            service = true;
        } else if ("user".equals(subType)) {
            service = false;
        } else {
            throw new AssertionRefused("sub_type must be user or service");
        }

        String jti = claims.getJWTID();
        if (jti == null || jti.length() < 16 || jti.length() > 128) {
            throw new AssertionRefused("jti must have 16 to 128 characters");
        }
        Instant keepUntil = claims.getExpirationTime().toInstant().plus(settings.clockSkew());
        boolean autoCreate = Boolean.TRUE.equals(booleanClaim(claims, "auto_create"));
        return new Verified(app, subject, service, autoCreate, stringClaim(claims, "nick_name"), stringClaim(claims, "avatar"),
                new ReplayGuard.OneTimeValue(domainId, JTI_KIND, app.getAppId() + "\u0000" + jti, keepUntil));
    }

    private static void verifySignature(SignedJWT jwt, JWK key) {
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(algorithm)) {
            throw new AssertionRefused("algorithm " + algorithm + " is not the one this key is published for");
        }
        JWSVerifier verifier;
        try {
            if (key instanceof RSAKey rsa && RSA_ALGORITHMS.contains(algorithm)) {
                verifier = new RSASSAVerifier(rsa);
            } else if (key instanceof ECKey ec && algorithm.equals(EC_ALGORITHMS.get(ec.getCurve()))) {
                verifier = new ECDSAVerifier(ec);
            } else {
                throw new AssertionRefused("algorithm " + algorithm + " is not allowed for this key");
            }
            if (!jwt.verify(verifier)) {
                throw new AssertionRefused("the signature does not verify");
            }
        } catch (JOSEException unusable) {
            throw new AssertionRefused("the signature does not verify");
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new AssertionRefused("exp is missing");
        }
        if (!exp.toInstant().plus(skew).isAfter(now)) {
            throw new AssertionRefused("the assertion has expired");
        }
        Instant issued = claims.getIssueTime() == null ? now : claims.getIssueTime().toInstant();
        if (issued.isAfter(now.plus(skew))) {
            throw new AssertionRefused("iat is in the future");
        }
        if (Duration.between(issued, exp.toInstant()).compareTo(settings.maxLifetime()) > 0) {
            throw new AssertionRefused("the assertion lives longer than " + settings.maxLifetime().toSeconds() + " s");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(skew))) {
            throw new AssertionRefused("the assertion is not valid yet (nbf)");
        }
    }

    private static void checkAudience(JWTClaimsSet claims, String domainId, String tokenEndpoint) {
        List<String> audience = claims.getAudience();
        if (audience == null || audience.stream().noneMatch(a -> a.equals(domainId) || a.equals(tokenEndpoint))) {
            throw new AssertionRefused("aud is not this domain");
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static Boolean booleanClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof Boolean b ? b : null;
    }
}
