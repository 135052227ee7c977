package dev.lanyard.assertion;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The limits of JWT-bearer assertions; each a MicroProfile Config property (env LANYARD_ASSERTIONS_...). */
@ApplicationScoped
public class AssertionSettings {

    @Inject
    @ConfigProperty(name = "lanyard.assertions.clock-skew-seconds", defaultValue = "60")
    long clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "lanyard.assertions.max-lifetime-seconds", defaultValue = "300")
    long maxLifetimeSeconds;

    @Inject
    @ConfigProperty(name = "lanyard.assertions.jwks-cache-seconds", defaultValue = "300")
    long jwksCacheSeconds;

    @Inject
    @ConfigProperty(name = "lanyard.assertions.jwks-timeout-ms", defaultValue = "2000")
    long jwksTimeoutMillis;

    @Inject
    @ConfigProperty(name = "lanyard.assertions.jwks-max-stale-seconds", defaultValue = "3600")
    long jwksMaxStaleSeconds;

    /** How far the app's clock may be off: exp, nbf and iat are judged with this much slack. */
    public Duration clockSkew() {
        return Duration.ofSeconds(Math.min(Math.max(clockSkewSeconds, 0), 300));
    }

    /** The longest an assertion may live (exp - iat, or exp - now without iat). */
    public Duration maxLifetime() {
        return Duration.ofSeconds(Math.min(Math.max(maxLifetimeSeconds, 10), 3600));
    }

    /** How long a fetched JWKS is used before it is fetched again. */
    public Duration jwksCache() {
        return Duration.ofSeconds(Math.min(Math.max(jwksCacheSeconds, 10), 86_400));
    }

    /** How long the last good JWKS stays in use while fetching it again fails (never less than the cache time). */
    public Duration jwksMaxStale() {
        return Duration.ofSeconds(Math.min(Math.max(jwksMaxStaleSeconds, jwksCache().toSeconds()), 86_400));
    }

    /** Connect and read timeout of a JWKS fetch. */
    public Duration jwksTimeout() {
        return Duration.ofMillis(Math.min(Math.max(jwksTimeoutMillis, 200), 10_000));
    }
}
