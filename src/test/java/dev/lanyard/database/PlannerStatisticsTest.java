package dev.lanyard.database;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.flywaydb.core.Flyway;
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
    void freshDatabase() throws SQLException {
        database = ScratchPostgres.create("stats");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new V9__Audit_ids_from_their_own_sequence()).load().migrate();
        // where the server's autovacuum is on, it must not analyze these tables behind the tests' backs
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE users SET (autovacuum_enabled = off)");
            s.execute("ALTER TABLE domains SET (autovacuum_enabled = off)");
        }
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
    void aTableIsAnalyzedOnceItChangedByMoreRowsThanTheServersThreshold() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            int threshold = serverSetting(c, "autovacuum_analyze_threshold");
            addUsers(c, threshold);
            assertThat(PlannerStatistics.analyzeChangedTables(c)).as("never analyzed, changed by the threshold").doesNotContain("public.users");
            addUsers(c, 1);
            assertThat(PlannerStatistics.analyzeChangedTables(c)).as("one row more").contains("public.users");

            // analyzed at 1000 rows: the scale factor's share counts too
            addUsers(c, 1000 - usersInserted);
            assertThat(PlannerStatistics.analyzeChangedTables(c)).contains("public.users");
            double scaleFactor = Double.parseDouble(serverText(c, "autovacuum_analyze_scale_factor"));
            int allowed = (int) Math.floor(threshold + scaleFactor * 1000);
            addUsers(c, allowed);
            assertThat(PlannerStatistics.analyzeChangedTables(c)).as(allowed + " rows changed of 1000").doesNotContain("public.users");
            addUsers(c, 1);
            assertThat(PlannerStatistics.analyzeChangedTables(c)).as((allowed + 1) + " rows changed of 1000").contains("public.users");
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
            try (PreparedStatement lock = otherNode.prepareStatement("SELECT pg_try_advisory_lock(?)");) {
                lock.setLong(1, PlannerStatistics.ONE_NODE_LOCK);
                try (ResultSet row = lock.executeQuery()) {
                    assertThat(row.next() && row.getBoolean(1)).as("the lock is free again").isTrue();
                }
            }
        }
    }

    @Test
    void tablesTheDatabaseUserMayNotAnalyzeAreLeftOut() throws Exception {
        String role = database.name() + "_app";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            addUsers(c, 500);
            s.execute("CREATE ROLE " + role + " NOLOGIN");
            try {
                // a user that neither owns the tables nor the database, as where migrations run as another user
                s.execute("SET ROLE " + role);
                assertThat(PlannerStatistics.analyzeChangedTables(c)).isEmpty();
                s.execute("RESET ROLE");
                assertThat(lastAnalyzed(c, "users")).isNull();
                assertThat(PlannerStatistics.analyzeChangedTables(c)).as("as the owner").contains("public.users");
            } finally {
                s.execute("RESET ROLE");
                s.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void theCheckFollowsTheModeAndTheServersAutovacuum() throws Exception {
        boolean[] autovacuumOn = {true};
        PlannerStatistics statistics = new PlannerStatistics() {
            @Override
            boolean autovacuumOn(Connection connection) {
                return autovacuumOn[0];
            }
        };
        statistics.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            addUsers(c, 500);
        }
        statistics.mode = Mode.NEVER;
        assertThat(statistics.check()).isEmpty();
        statistics.mode = Mode.AUTO;
        assertThat(statistics.check()).as("autovacuum on: the server analyzes by itself").isEmpty();
        autovacuumOn[0] = false;
        assertThat(statistics.check()).as("autovacuum off").contains("public.users");
        try (Connection c = dataSource.getConnection()) {
            addUsers(c, 500);
        }
        autovacuumOn[0] = true;
        statistics.mode = Mode.ALWAYS;
        assertThat(statistics.check()).contains("public.users");
    }

    @Test
    void theServersAutovacuumSettingIsRead() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(new PlannerStatistics().autovacuumOn(c)).isEqualTo("on".equals(serverText(c, "autovacuum")));
        }
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
        while (changedSinceAnalyzed(c, "users") < changedBefore + count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server's activity statistics did not count " + count + " new users within 10 s");
            }
            Thread.sleep(50);
        }
    }

    private static long changedSinceAnalyzed(Connection c, String table) throws SQLException {
        Object changed = firstValue(c, "SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = ?", table);
        return changed == null ? 0 : ((Number) changed).longValue();
    }

    private static Object lastAnalyzed(Connection c, String table) throws SQLException {
        return firstValue(c, "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = ?", table);
    }

    private static int serverSetting(Connection c, String name) throws SQLException {
        return Integer.parseInt(serverText(c, name));
    }

    private static String serverText(Connection c, String name) throws SQLException {
        return (String) firstValue(c, "SELECT current_setting(?)", name);
    }

    /** The first column of the first row of a query with one text parameter, or null when there is no row. */
    private static Object firstValue(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet row = q.executeQuery()) {
                return row.next() ? row.getObject(1) : null;
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
