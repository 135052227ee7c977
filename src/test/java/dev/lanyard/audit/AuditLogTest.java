package dev.lanyard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.database.migration.V9__Audit_ids_from_their_own_sequence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Audit events written with plain SQL on the real schema (H2 in PostgreSQL mode, migrated by the application). */
class AuditLogTest {

    private JdbcDataSource dataSource;

    @BeforeEach
    void schema() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new V9__Audit_ids_from_their_own_sequence()).load().migrate();
    }

    private AuditLog node() {
        AuditLog log = new AuditLog();
        log.dataSource = dataSource;
        log.clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
        return log;
    }

    @Test
    void twoNodesWriteEventsWithDistinctIdsTakenInBlocksAndEveryFieldKeptClipped() throws Exception {
        AuditLog first = node();
        AuditLog second = node();
        for (int i = 0; i < 120; i++) {
            (i % 3 == 0 ? second : first).record(new AuditLog.Entry("d1", "login.failure", "u" + i, "app", "s".repeat(300),
                    "127.0.0.1", i == 7 ? "detail" : null));
        }
        List<Long> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT id FROM audit_events ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        assertThat(ids).hasSize(120).doesNotHaveDuplicates();
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT event_type, user_id, app_id, length(subject), client_ip, detail, created_at FROM audit_events WHERE user_id = 'u7'");
             ResultSet sequence = connection.createStatement().executeQuery("SELECT nextval('lanyard_audit_seq')")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("login.failure");
            assertThat(rows.getString(3)).isEqualTo("app");
            assertThat(rows.getInt(4)).as("subject clipped to its column").isEqualTo(200);
            assertThat(rows.getString(5)).isEqualTo("127.0.0.1");
            assertThat(rows.getString(6)).isEqualTo("detail");
            assertThat(rows.getObject(7, java.time.OffsetDateTime.class).toInstant()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
            sequence.next();
            // 80 events on one node, 40 on the other: 2 + 1 blocks of 50 taken, the next one starts after them
            assertThat(sequence.getLong(1) - AuditIds.BLOCK + 1).as("next block").isGreaterThan(ids.get(ids.size() - 1));
        }
    }

    @Test
    void eventsWrittenOnTheCallersConnectionCommitAndRollBackWithItsTransaction() throws Exception {
        AuditLog log = node();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            log.recordAllOn(connection, List.of(new AuditLog.Entry("d1", "token.minted", "undone", "app", null, null, null),
                    new AuditLog.Entry("d1", "token.minted", "undone", "app", null, null, null)));
            connection.rollback();
            log.recordAllOn(connection, List.of(new AuditLog.Entry("d1", "token.minted", "kept", "app", null, null, null)));
            log.recordAllOn(connection, List.of());
            connection.commit();
        }
        List<String> users = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT user_id FROM audit_events")) {
            while (rows.next()) {
                users.add(rows.getString(1));
            }
        }
        assertThat(users).as("the rolled-back batch left nothing, the committed one its event").containsExactly("kept");
    }
}
