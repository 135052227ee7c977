package dev.lanyard.database;

import dev.lanyard.config.LoginSettings;
import dev.lanyard.token.TokenSettings;
import dev.lanyard.usersystem.federation.ProviderLogins;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes what can no longer be used, every {@code lanyard.purge.interval-seconds} on every node (a delete is the same
 * whichever node runs it): ended browser sessions and authorization requests, expired SMS challenges and one-time-value
 * records, trips to providers an hour after they expired, codes a day after they expired, refresh families (with their
 * tokens) once no access token of theirs can be valid, revoked access tokens past their expiry, rate-limit windows and
 * failure counters long over, development outbox messages after a day, and audit events older than
 * {@code lanyard.audit.retention-days} (0 keeps them forever). Each table is one statement on its own; a failure (the
 * database away) is logged and tried again next time.
 */
@ApplicationScoped
public class ExpiredRowsPurge {

    private static final Logger LOG = Logger.getLogger(ExpiredRowsPurge.class.getName());
    /** The longest rate-limit window in use (the daily SMS budget); a window twice as old is over for good. */
    static final Duration LONGEST_RATE_LIMIT_WINDOW = Duration.ofDays(1);
    /** A redeemed code is kept this long past its expiry, so a late replay still revokes what it gave. */
    static final Duration CODE_KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    static final Duration OUTBOX_KEPT = Duration.ofDays(1);

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Clock clock;

    @Inject
    LoginSettings loginSettings;

    @Inject
    TokenSettings tokenSettings;

    @Inject
    @ConfigProperty(name = "lanyard.purge.interval-seconds", defaultValue = "600")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "lanyard.audit.retention-days", defaultValue = "365")
    long auditRetentionDays;

    private ScheduledThreadPoolExecutor scheduler;

    /** Starts the schedule (at deployment, see StartupSequence); the first run comes one interval after the start. */
    public synchronized void start() {
        if (scheduler == null) {
            long interval = Math.max(1, intervalSeconds);
            scheduler = new ScheduledThreadPoolExecutor(1, threads);
            scheduler.scheduleWithFixedDelay(this::runQuietly, interval, interval, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void runQuietly() {
        try {
            Map<String, Integer> deleted = purge(clock.instant());
            deleted.values().removeIf(n -> n == 0);
            if (!deleted.isEmpty()) {
                LOG.info(() -> "Purged expired rows: " + deleted);
            }
        } catch (RuntimeException | SQLException e) {
            LOG.log(Level.WARNING, "The purge of expired rows failed; it runs again in " + intervalSeconds + " s: " + e);
        }
    }

    /** One pass over every table; returns how many rows each statement deleted. */
    public Map<String, Integer> purge(Instant now) throws SQLException {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        Duration failureWindow = loginSettings.failurePolicy().window();
        try (Connection connection = dataSource.getConnection()) {
            deleted.put("browser_sessions", delete(connection, "DELETE FROM browser_sessions WHERE expires_at < ?", now));
            deleted.put("pending_authorizations", delete(connection, "DELETE FROM pending_authorizations WHERE expires_at < ?", now));
            deleted.put("sms_challenges", delete(connection, "DELETE FROM sms_challenges WHERE expires_at < ?", now));
            deleted.put("provider_logins", delete(connection, "DELETE FROM provider_logins WHERE expires_at < ?",
                    now.minus(ProviderLogins.KEEP_EXPIRED)));
            deleted.put("replay_records", delete(connection, "DELETE FROM replay_records WHERE expires_at < ?", now));
            deleted.put("revoked_access_tokens", delete(connection, "DELETE FROM revoked_access_tokens WHERE expires_at < ?", now));
            deleted.put("authorization_codes", delete(connection, "DELETE FROM authorization_codes WHERE expires_at < ?",
                    now.minus(CODE_KEPT_AFTER_EXPIRY)));
            // a family outlives its refresh tokens by the longest access-token lifetime: its access tokens name it (sid)
            // and a verifier refuses a token whose family is gone. Tokens first: the cascade is not as cheap everywhere.
            Instant familiesBefore = now.minus(tokenSettings.maxAccessTokenLifetime()).minus(TokenSettings.SKEW);
            deleted.put("refresh_tokens", delete(connection, "DELETE FROM refresh_tokens WHERE family_id IN"
                    + " (SELECT family_id FROM refresh_families WHERE expires_at < ?)", familiesBefore));
            deleted.put("refresh_families", delete(connection, "DELETE FROM refresh_families WHERE expires_at < ?", familiesBefore));
            deleted.put("rate_limit_windows", delete(connection, "DELETE FROM rate_limit_windows WHERE window_started_at < ?",
                    now.minus(LONGEST_RATE_LIMIT_WINDOW.multipliedBy(2))));
            try (PreparedStatement failures = connection.prepareStatement("DELETE FROM login_failures WHERE window_started_at < ?"
                    + " AND (locked_until IS NULL OR locked_until < ?)")) {
                failures.setObject(1, now.minus(failureWindow.multipliedBy(2)).atOffset(ZoneOffset.UTC));
                failures.setObject(2, now.atOffset(ZoneOffset.UTC));
                deleted.put("login_failures", failures.executeUpdate());
            }
            deleted.put("sms_outbox", delete(connection, "DELETE FROM sms_outbox WHERE created_at < ?", now.minus(OUTBOX_KEPT)));
            if (auditRetentionDays > 0) {
                deleted.put("audit_events", delete(connection, "DELETE FROM audit_events WHERE created_at < ?",
                        now.minus(Duration.ofDays(auditRetentionDays))));
            }
        }
        return deleted;
    }

    private static int delete(Connection connection, String sql, Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setObject(1, before.atOffset(ZoneOffset.UTC));
            return delete.executeUpdate();
        }
    }
}
