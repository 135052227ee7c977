package dev.lanyard.it.support;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource server as strict as they come: it verifies access tokens against the JWKS it fetched last and keeps that
 * document for as long as the response's {@code Cache-Control: max-age} allows, never fetching again because a token
 * names a kid it does not know. Lanyard must publish every new key before a token signed with it can reach it.
 */
public final class CachingResourceServer {

    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Where the JWKS comes from: any node, as behind a balancer; the request names the domain's Host. */
    private final Supplier<HttpRequest> jwksRequest;
    private JWKSet cached;
    private long cachedUntilNanos;
    private int fetches;

    public CachingResourceServer(Supplier<HttpRequest> jwksRequest) {
        this.jwksRequest = jwksRequest;
    }

    /** Null when the token's signature verifies with a cached key; otherwise why it does not. */
    public synchronized String problemWith(String accessToken) throws Exception {
        JWKSet keys = keys();
        SignedJWT jwt = SignedJWT.parse(accessToken);
        JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        if (key == null) {
            return "kid " + jwt.getHeader().getKeyID() + " is not in the cached JWKS " + kids(keys);
        }
        JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
                key.getKeyType().getValue().equals("EC") ? key.toECKey().toECPublicKey() : key.toRSAKey().toRSAPublicKey());
        return jwt.verify(verifier) ? null : "bad signature with kid " + key.getKeyID();
    }

    public synchronized int fetches() {
        return fetches;
    }

    private JWKSet keys() throws Exception {
        if (cached == null || System.nanoTime() - cachedUntilNanos >= 0) {
            HttpResponse<String> response = HTTP.send(jwksRequest.get(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("JWKS answered " + response.statusCode() + ": " + response.body());
            }
            Matcher maxAge = MAX_AGE.matcher(response.headers().firstValue("Cache-Control").orElse(""));
            long seconds = maxAge.find() ? Long.parseLong(maxAge.group(1)) : 0;
            cached = JWKSet.parse(response.body());
            cachedUntilNanos = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            fetches++;
        }
        return cached;
    }

    private static List<String> kids(JWKSet keys) {
        return keys.getKeys().stream().map(JWK::getKeyID).toList();
    }
}
