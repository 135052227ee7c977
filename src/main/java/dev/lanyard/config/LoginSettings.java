package dev.lanyard.config;

import dev.lanyard.security.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Limits of interactive sign-in (env: LANYARD_LOGIN_MAX_FAILURES and so on). */
@ApplicationScoped
public class LoginSettings {

    /** Failed attempts for one account within the window that lock it. */
    @Inject
    @ConfigProperty(name = "lanyard.login.max-failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "lanyard.login.failure-window-seconds", defaultValue = "900")
    long failureWindowSeconds;

    /** How long a locked account refuses every attempt, even the right password. */
    @Inject
    @ConfigProperty(name = "lanyard.login.lockout-seconds", defaultValue = "900")
    long lockoutSeconds;

    /** PBKDF2 iterations for new password hashes. */
    @Inject
    @ConfigProperty(name = "lanyard.password.iterations", defaultValue = "210000")
    int passwordIterations;

    /** Password hashes computed at once on a node (0: one per processor): PBKDF2 is CPU-bound by design. */
    @Inject
    @ConfigProperty(name = "lanyard.password.max-concurrent", defaultValue = "0")
    int passwordMaxConcurrent;

    /** Sign-ins that may wait for a free hashing slot; more are answered 503 with Retry-After at once. */
    @Inject
    @ConfigProperty(name = "lanyard.password.max-waiting", defaultValue = "32")
    int passwordMaxWaiting;

    /** How long a sign-in waits for a hashing slot before it is answered 503. */
    @Inject
    @ConfigProperty(name = "lanyard.password.queue-wait-ms", defaultValue = "3000")
    long passwordQueueWaitMillis;

    public LoginFailurePolicy failurePolicy() {
        return new LoginFailurePolicy(maxFailures, Duration.ofSeconds(failureWindowSeconds), Duration.ofSeconds(lockoutSeconds));
    }

    public int passwordIterations() {
        return passwordIterations;
    }

    /** The bounded pool and queue of password hashing. */
    public Bulkhead passwordHashing() {
        int permits = passwordMaxConcurrent > 0 ? passwordMaxConcurrent : Runtime.getRuntime().availableProcessors();
        return new Bulkhead("password hashing", permits, Math.max(0, passwordMaxWaiting),
                Duration.ofMillis(Math.max(0, passwordQueueWaitMillis)));
    }
}
