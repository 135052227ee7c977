package dev.lanyard.database;

import dev.lanyard.bootstrap.FirstStart;
import dev.lanyard.config.DatabaseSettings;
import dev.lanyard.config.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gets the database ready: migrations, then the first-start seed. When the database cannot be used it logs one clear
 * line naming the setting to fix (no stack trace) and retries at most every {@link #RETRY_INTERVAL} when the readiness
 * check asks, so Lanyard becomes ready by itself once the database answers.
 */
@ApplicationScoped
public class DatabaseLifecycle {

    private static final Logger LOG = Logger.getLogger(DatabaseLifecycle.class.getName());
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);

    @Inject
    SchemaMigrator migrator;

    @Inject
    FirstStart firstStart;

    @Inject
    dev.lanyard.setup.StartupImport startupImport;

    @Inject
    ServerSettings serverSettings;

    @Inject
    Clock clock;

    private volatile boolean ready;
    private volatile String importRefusal;
    private Instant lastAttempt;
    private boolean failureReported;

    public boolean isReady() {
        return ready;
    }

    /** Why Lanyard refuses to serve (a bad LANYARD_IMPORT file), or null. */
    public String importRefusal() {
        return importRefusal;
    }

    /** True once the schema is current and seeded; otherwise tries again unless the last try was too recent. */
    public synchronized boolean bringUp() {
        if (ready) {
            return true;
        }
        if (importRefusal != null) {
            return false;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && Duration.between(lastAttempt, now).compareTo(RETRY_INTERVAL) < 0) {
            return false;
        }
        lastAttempt = now;
        try {
            ConfiguredDataSource.probe();
            migrator.migrate();
            Optional<String> generatedPassword = firstStart.seedIfEmpty();
            try {
                startupImport.applyConfigured();
            } catch (dev.lanyard.setup.ImportException e) {
                importRefusal = e.getMessage();
                LOG.severe(() -> "LANYARD_IMPORT refused, nothing applied, Lanyard does not serve until it is fixed: " + e.getMessage());
                return false;
            }
            ready = true;
            generatedPassword.ifPresent(this::showGeneratedPassword);
            LOG.info(() -> "Lanyard is ready: sign in at " + serverSettings.publicBaseUrl() + "/ (domain '"
                    + serverSettings.defaultDomainId() + "', administrator '" + FirstStart.ADMIN_USERNAME + "')");
            if (failureReported) {
                LOG.info("The database answers again");
            }
            return true;
        } catch (RuntimeException | java.sql.SQLException e) {
            Level level = failureReported ? Level.FINE : Level.SEVERE;
            failureReported = true;
            LOG.log(level, () -> "Lanyard cannot use its database at " + DatabaseSettings.URL_SETTING + "="
                    + DatabaseSettings.fromEnvironment().redactedUrl() + ": " + rootMessage(e)
                    + ". /health/ready stays DOWN until it answers; check " + DatabaseSettings.URL_SETTING + ", "
                    + DatabaseSettings.USER_SETTING + " and " + DatabaseSettings.PASSWORD_SETTING + ".");
            return false;
        }
    }

    private void showGeneratedPassword(String password) {
        // Shown once on the console, as the issue asks; never written to a log file by Lanyard.
        System.out.println("""

                ============================================================
                 Lanyard created the administrator '%s'.
                 Generated password (shown only this once): %s
                 Set LANYARD_ADMIN_PASSWORD before the first start to choose it.
                ============================================================
                """.formatted(FirstStart.ADMIN_USERNAME, password));
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ");
    }
}
