package dev.lanyard.database;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps PostgreSQL's planner statistics of Lanyard's tables fresh when the server does not (autovacuum off).
 *
 * <p>Why: without statistics PostgreSQL cannot tell two indexes that start with the same column apart, and it looked a
 * user up through {@code (domain_id, created_at)} instead of the unique {@code (domain_id, user_id)}, reading every
 * user of the domain for each lookup (measured: 1,500 index entries per token call with 3,200 users, PostgreSQL then
 * taking 40% of the machine). A plan a connection cached while a table was small is also kept until the table is next
 * analyzed. With autovacuum on (PostgreSQL's default) the server analyzes changed tables itself and this does nothing.
 *
 * <p>Every {@code lanyard.database.analyze-check-seconds}, the tables of the connection's current schema (Lanyard's
 * own, in a database of its own) changed by more rows since their last analysis than the server-wide
 * {@code autovacuum_analyze_threshold} + {@code autovacuum_analyze_scale_factor} &times; rows are analyzed, by one node
 * at a time (an advisory lock). Tables Lanyard's database user may not analyze (neither its own nor its database's) are
 * left out, with one warning. Vacuuming, which reclaims dead rows, stays the database administrator's.
 * {@code lanyard.database.analyze}: {@code auto} (when the server's autovacuum is off), {@code always} or {@code never}.
 */
@ApplicationScoped
public class PlannerStatistics {

    private static final Logger LOG = Logger.getLogger(PlannerStatistics.class.getName());
    /** The key of the session advisory lock that lets one node at a time analyze (the bytes "LNYD" and 1). */
    static final long ONE_NODE_LOCK = 0x4C4E594401L;
    static final String MODE_SETTING = "lanyard.database.analyze";

    /** The changed tables, and whether this user may analyze each (the owner of the table or of the database may). */
    private static final String CHANGED_TABLES = "SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.relname),"
            + " pg_has_role(c.relowner, 'USAGE') OR pg_has_role((SELECT datdba FROM pg_database"
            + " WHERE datname = current_database()), 'USAGE')"
            + " FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
            + " WHERE s.schemaname = current_schema()"
            + " AND s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8"
            + " + current_setting('autovacuum_analyze_scale_factor')::float8 * GREATEST(c.reltuples, 0)"
            + " ORDER BY s.relname";

    /** When Lanyard analyzes its tables itself. */
    public enum Mode {
        /** Only while the server's autovacuum is off. */
        AUTO,
        ALWAYS,
        NEVER;

        static Mode parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(MODE_SETTING + " (LANYARD_DATABASE_ANALYZE) is auto, always or never, not '"
                        + value + "'");
            }
        }

        /** Whether to look for changed tables now, given whether the server's autovacuum is on. */
        boolean wanted(boolean autovacuumOn) {
            return this == ALWAYS || this == AUTO && !autovacuumOn;
        }
    }

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = MODE_SETTING, defaultValue = "auto")
    String modeSetting;

    @Inject
    @ConfigProperty(name = "lanyard.database.analyze-check-seconds", defaultValue = "60")
    long checkSeconds;

    private ScheduledThreadPoolExecutor scheduler;
    /** Read from the setting at {@link #start()}. */
    volatile Mode mode;
    private boolean warned;
    private static volatile boolean warnedNotAllowed;

    /**
     * Starts the checks (at deployment, see StartupSequence); the first comes one interval after the start. A mode
     * other than auto, always or never stops the deployment with a message that names the setting.
     */
    public synchronized void start() {
        mode = Mode.parse(modeSetting);
        if (mode != Mode.NEVER && scheduler == null) {
            scheduler = new ScheduledThreadPoolExecutor(1, threads);
            scheduler.scheduleWithFixedDelay(this::checkQuietly, interval(), interval(), TimeUnit.SECONDS);
        }
    }

    /** Seconds between two checks, at least one. */
    private long interval() {
        return Math.max(1, checkSeconds);
    }

    @PreDestroy
    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException | SQLException e) {
            LOG.log(Level.WARNING, "The check of the database's planner statistics failed; it runs again in "
                    + interval() + " s: " + e);
        }
    }

    /**
     * One check: on PostgreSQL, when the mode wants it, analyzes the tables that changed enough. Returns the tables
     * analyzed (none on H2, none when another node holds the lock).
     */
    List<String> check() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                stopOnOtherDatabases();
                return List.of();
            }
            boolean autovacuumOn = autovacuumOn(connection);
            if (!mode.wanted(autovacuumOn)) {
                return List.of();
            }
            if (!autovacuumOn && !warned) {
                warned = true;
                LOG.warning("PostgreSQL's autovacuum is off: Lanyard analyzes its own tables when they change (every "
                        + interval() + " s, " + MODE_SETTING + "=" + mode.name().toLowerCase(Locale.ROOT)
                        + "); dead rows still need VACUUM from the database administrator");
            }
            return analyzeChangedTables(connection);
        }
    }

    /** Whether the server's autovacuum is on (it then analyzes changed tables by itself). */
    boolean autovacuumOn(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT current_setting('autovacuum') = 'on'")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /** The H2 embedded database plans without statistics of this kind: nothing to do, ever. */
    private synchronized void stopOnOtherDatabases() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    /**
     * Analyzes the tables of the connection's schema changed by more rows than the server's analyze threshold since
     * their last analysis, unless another node is doing it now. Returns their names, in order.
     */
    static List<String> analyzeChangedTables(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            // a failed statement must not leave the connection in an aborted transaction that still holds the lock
            connection.setAutoCommit(true);
        }
        if (!tryLock(connection, "pg_try_advisory_lock")) {
            return List.of();
        }
        SQLException failure = null;
        try {
            List<String> tables = new ArrayList<>();
            List<String> notAllowed = new ArrayList<>();
            try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(CHANGED_TABLES)) {
                while (rows.next()) {
                    (rows.getBoolean(2) ? tables : notAllowed).add(rows.getString(1));
                }
            }
            if (!notAllowed.isEmpty() && !warnedNotAllowed) {
                warnedNotAllowed = true;
                LOG.warning("Lanyard's database user may not analyze " + notAllowed + " (only the owner of a table or of the"
                        + " database may): only the server's autovacuum can keep their planner statistics");
            }
            for (String table : tables) {
                try (Statement analyze = connection.createStatement()) {
                    // the name comes from the catalogue, quoted by quote_ident
                    analyze.execute("ANALYZE " + table);
                }
            }
            if (!tables.isEmpty()) {
                LOG.fine(() -> "Analyzed " + tables);
            }
            return tables;
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            try {
                tryLock(connection, "pg_advisory_unlock");
            } catch (SQLException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    private static boolean tryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?)")) {
            lock.setLong(1, ONE_NODE_LOCK);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
