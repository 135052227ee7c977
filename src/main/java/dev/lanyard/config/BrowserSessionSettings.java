package dev.lanyard.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Lifetimes of what a browser leaves in the database (env: LANYARD_SESSION_..., LANYARD_AUTHORIZE_PENDING_...). */
@ApplicationScoped
public class BrowserSessionSettings {

    /** A signed-in browser that shows no sign of life this long must sign in again. */
    @Inject
    @ConfigProperty(name = "lanyard.session.idle-minutes", defaultValue = "30")
    long idleMinutes;

    /** However active, a browser signs in again this long after it last did. */
    @Inject
    @ConfigProperty(name = "lanyard.session.max-hours", defaultValue = "12")
    long maxHours;

    /** How long an authorization request waits for its browser to sign in and consent. */
    @Inject
    @ConfigProperty(name = "lanyard.authorize.pending-minutes", defaultValue = "30")
    long pendingAuthorizationMinutes;

    /** Authorization requests one browser may have waiting; a new one pushes out the oldest. */
    @Inject
    @ConfigProperty(name = "lanyard.authorize.pending-per-browser", defaultValue = "20")
    int pendingAuthorizationsPerBrowser;

    /** At least 2 minutes: an active browser pushes its idle deadline back once a minute. */
    public Duration idle() {
        return Duration.ofMinutes(Math.max(2, idleMinutes));
    }

    public Duration max() {
        return Duration.ofHours(Math.max(1, maxHours));
    }

    public Duration pendingAuthorizationLifetime() {
        return Duration.ofMinutes(Math.max(1, pendingAuthorizationMinutes));
    }

    public int pendingAuthorizationsPerBrowser() {
        return Math.max(1, pendingAuthorizationsPerBrowser);
    }
}
