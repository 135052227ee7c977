package dev.lanyard.config;

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

    public LoginFailurePolicy failurePolicy() {
        return new LoginFailurePolicy(maxFailures, Duration.ofSeconds(failureWindowSeconds), Duration.ofSeconds(lockoutSeconds));
    }

    public int passwordIterations() {
        return passwordIterations;
    }
}
