package dev.lanyard.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.database.PlannerStatistics.Mode;
import dev.lanyard.database.migration.V9__Audit_ids_from_their_own_sequence;
import dev.lanyard.it.support.ScratchPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The check of PostgreSQL's planner statistics on a real PostgreSQL server (LANYARD_TEST_DB_URL, else 127.0.0.1:5432
 * as CI starts it; skipped without one), each test on a fresh database migrated by the application's scripts.
 */
class PlannerStatisticsTest {

    private static final String LOOKUP = "SELECT * FROM users WHERE domain_id = $1 AND user_id = $2";

    private ScratchPostgres database;
    private PGSimpleDataSource dataSource;
    private int usersInserted;

    @BeforeEach
    void freshDatabase() {
        database = ScratchPostgres.create("stats");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new V9__Audit_ids_from_their_own_sequence()).load().migrate();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void aGrownTableIsAnalyzedAndTheUserLookupThenGoesThroughTheUniqueIndex() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            addUsers(c, 2000);
            assertThat(genericPlanOfTheUserLookup(c)).as("the plan without statistics, the reason for the check")
                    .contains("ix_users_domain_created").doesNotContain("uq_users_domain_user_id");

            assertThat(PlannerStatistics.analyzeChangedTables(c)).contains("public.users")
                    .as("tables changed by fewer rows than the threshold").doesNotContain("public.domains", "public.apps");
            assertThat(lastAnalyzed(c, "users")).isNotNull();
            assertThat(lastAnalyzed(c, "domains")).isNull();
            assertThat(genericPlanOfTheUserLookup(c)).contains("uq_users_domain_user_id").doesNotContain("ix_users_domain_created");
            assertThat(PlannerStatistics.analyzeChangedTables(c)).as("nothing changed since").isEmpty();
        }
    }

    @Test
    void aTableChangedByFewerRowsThanTheServersThresholdIsLeftAlone() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            int threshold = serverSetting(c, "autovacuum_analyze_threshold");
            addUsers(c, threshold);
            assertThat(PlannerStatistics.analyzeChangedTables(c)).doesNotContain("public.users");
            addUsers(c, 1);
            assertThat(PlannerStatistics.analyzeChangedTables(c)).contains("public.users");
        }
    }

    @Test
    void oneNodeAtATime() throws Exception {
        try (Connection c = dataSource.getConnection(); Connection otherNode = dataSource.getConnection()) {
            addUsers(c, 500);
            try (PreparedStatement lock = otherNode.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, PlannerStatistics.ONE_NODE_LOCK);
                lock.execute();
            }
            assertThat(PlannerStatistics.analyzeChangedTables(c)).as("another node is analyzing").isEmpty();
            assertThat(lastAnalyzed(c, "users")).isNull();
            try (PreparedStatement unlock = otherNode.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, PlannerStatistics.ONE_NODE_LOCK);
                unlock.execute();
            }
            assertThat(PlannerStatistics.analyzeChangedTables(c)).contains("public.users");
            assertThat(PlannerStatistics.analyzeChangedTables(c)).as("this node let the lock go").isEmpty();
            try (PreparedStatement lock = otherNode.prepareStatement("SELECT pg_try_advisory_lock(?)");) {
                lock.setLong(1, PlannerStatistics.ONE_NODE_LOCK);
                try (ResultSet row = lock.executeQuery()) {
                    assertThat(row.next() && row.getBoolean(1)).as("the lock is free again").isTrue();
                }
            }
        }
    }

    @Test
    void theCheckFollowsTheModeAndTheServersAutovacuum() throws Exception {
        PlannerStatistics statistics = new PlannerStatistics();
        statistics.dataSource = dataSource;
        boolean autovacuumOn;
        try (Connection c = dataSource.getConnection()) {
            addUsers(c, 500);
            autovacuumOn = serverSetting(c, "autovacuum") == 1;
        }
        statistics.mode = Mode.NEVER;
        assertThat(statistics.check()).isEmpty();
        statistics.mode = Mode.AUTO;
        if (autovacuumOn) {
            assertThat(statistics.check()).as("the server analyzes by itself").isEmpty();
        } else {
            assertThat(statistics.check()).contains("public.users");
            try (Connection c = dataSource.getConnection()) {
                addUsers(c, 500);
            }
        }
        statistics.mode = Mode.ALWAYS;
        assertThat(statistics.check()).contains("public.users");
    }

    @Test
    void theEmbeddedDatabaseHasNothingToAnalyze() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration")
                .javaMigrations(new V9__Audit_ids_from_their_own_sequence()).load().migrate();
        PlannerStatistics statistics = new PlannerStatistics();
        statistics.dataSource = h2;
        statistics.mode = Mode.ALWAYS;
        assertThat(statistics.check()).isEmpty();
    }

    @Test
    void theModeSettingIsAutoAlwaysOrNever() {
        assertThat(Mode.parse(" Always ")).isEqualTo(Mode.ALWAYS);
        assertThat(Mode.AUTO.wanted(false)).isTrue();
        assertThat(Mode.AUTO.wanted(true)).isFalse();
        assertThat(Mode.ALWAYS.wanted(true)).isTrue();
        assertThat(Mode.NEVER.wanted(false)).isFalse();
        assertThatThrownBy(() -> Mode.parse("sometimes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lanyard.database.analyze").hasMessageContaining("LANYARD_DATABASE_ANALYZE")
                .hasMessageContaining("'sometimes'");
    }

    /** Adds users to one domain and waits until the server's activity statistics count them. */
    private void addUsers(Connection c, int count) throws Exception {
        long changedBefore = changedSinceAnalyzed(c, "users");
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO domains (domain_id, name, status, created_at, updated_at) VALUES ('acme', 'Acme', 'ENABLED', now(), now())"
                    + " ON CONFLICT DO NOTHING");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO users (id, domain_id, user_id, role, status, created_at, updated_at)"
                + " VALUES (?, 'acme', ?, 'USER', 'ENABLED', ?, ?)")) {
            for (int i = 0; i < count; i++) {
                int n = ++usersInserted;
                insert.setLong(1, n);
                insert.setString(2, "user-" + n);
                insert.setObject(3, now.plusSeconds(n).atOffset(ZoneOffset.UTC));
                insert.setObject(4, now.plusSeconds(n).atOffset(ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_force_next_flush()");
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (changedSinceAnalyzed(c, "users") < changedBefore + count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static long changedSinceAnalyzed(Connection c, String table) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = ?")) {
            q.setString(1, table);
            try (ResultSet row = q.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private static Object lastAnalyzed(Connection c, String table) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = ?")) {
            q.setString(1, table);
            try (ResultSet row = q.executeQuery()) {
                row.next();
                return row.getObject(1);
            }
        }
    }

    /** A server setting as a number ("on" is 1, "off" 0). */
    private static int serverSetting(Connection c, String name) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT current_setting(?)")) {
            q.setString(1, name);
            try (ResultSet row = q.executeQuery()) {
                row.next();
                String value = row.getString(1);
                return "on".equals(value) ? 1 : "off".equals(value) ? 0 : Integer.parseInt(value);
            }
        }
    }

    /** The plan PostgreSQL keeps for the user lookup once a connection has run it a few times (pgjdbc prepares it). */
    private static String genericPlanOfTheUserLookup(Connection c) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE lookup (varchar, varchar) AS " + LOOKUP);
            try (ResultSet rows = s.executeQuery("EXPLAIN EXECUTE lookup('acme', 'user-1')")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            } finally {
                s.execute("DEALLOCATE lookup");
                s.execute("RESET plan_cache_mode");
            }
        }
        return plan.toString();
    }
}
