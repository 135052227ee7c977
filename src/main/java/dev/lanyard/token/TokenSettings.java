package dev.lanyard.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Lifetimes and key-rotation rules of the token service (env: LANYARD_TOKENS_..., LANYARD_KEYS_...). */
@ApplicationScoped
public class TokenSettings {

    @Inject
    @ConfigProperty(name = "lanyard.tokens.code-seconds", defaultValue = "300")
    long codeSeconds;

    @Inject
    @ConfigProperty(name = "lanyard.tokens.refresh-idle-seconds", defaultValue = "1209600")
    long refreshIdleSeconds;

    @Inject
    @ConfigProperty(name = "lanyard.tokens.max-access-token-seconds", defaultValue = "86400")
    long maxAccessTokenSeconds;

    /** How long a new signing key is published before it signs: longer than any verifier's JWKS cache. */
    @Inject
    @ConfigProperty(name = "lanyard.keys.publish-ahead-seconds", defaultValue = "600")
    long publishAheadSeconds;

    /** A signing key older than this is replaced by a new one, published ahead as above. */
    @Inject
    @ConfigProperty(name = "lanyard.keys.rotation-days", defaultValue = "90")
    long rotationDays;

    /** How long a node reuses the keys it read from the database before reading them again. */
    @Inject
    @ConfigProperty(name = "lanyard.keys.cache-seconds", defaultValue = "30")
    long keyCacheSeconds;

    /** Clock skew allowed between Lanyard and the verifiers of its tokens. */
    public static final Duration SKEW = Duration.ofSeconds(60);

    public Duration codeLifetime() {
        return Duration.ofSeconds(Math.min(codeSeconds, 600));
    }

    public Duration refreshIdle() {
        return Duration.ofSeconds(refreshIdleSeconds);
    }

    public Duration maxAccessTokenLifetime() {
        return Duration.ofSeconds(maxAccessTokenSeconds);
    }

    public Duration publishAhead() {
        return Duration.ofSeconds(publishAheadSeconds);
    }

    public Duration rotationPeriod() {
        return Duration.ofDays(rotationDays);
    }

    public Duration keyCache() {
        return Duration.ofSeconds(keyCacheSeconds);
    }

    /**
     * How long a resource server may cache the JWKS: at most a minute, and at most half the time between a key's
     * publication and a node's first signature with it (publish-ahead less the node's own key cache), so a verifier
     * that honours the header has fetched a new key before it meets a token signed with it.
     */
    public Duration jwksMaxAge() {
        long margin = (publishAheadSeconds - keyCacheSeconds) / 2;
        return Duration.ofSeconds(Math.max(0, Math.min(60, margin)));
    }
}
