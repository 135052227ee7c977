package dev.lanyard.security;

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

/** The one-time-value records on the real schema (H2 in PostgreSQL mode, migrated by the application's scripts). */
class ReplayGuardTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final ReplayGuard guard = new ReplayGuard();
    private JdbcDataSource dataSource;

    @BeforeEach
    void schema() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(new V9__Audit_ids_from_their_own_sequence()).load().migrate();
        guard.dataSource = dataSource;
        at(T0);
    }

    private void at(Instant now) {
        guard.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    /** A batch on a connection of its own, as the group commit writes one (auto-commit stands in for its transaction). */
    private boolean[] firstUses(List<ReplayGuard.OneTimeValue> values) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return guard.firstUsesOn(connection, values);
        }
    }

    @Test
    void aValueIsAcceptedOnceWhileItsRecordLastsAndPerDomainAndKind() {
        Instant keep = T0.plusSeconds(300);
        assertThat(guard.firstUse("d1", "jti", "app\u0000abc", keep)).isTrue();
        assertThat(guard.firstUse("d1", "jti", "app\u0000abc", keep)).as("replay").isFalse();
        at(T0.plusSeconds(299));
        assertThat(guard.firstUse("d1", "jti", "app\u0000abc", keep)).as("replay just before the record ends").isFalse();
        assertThat(guard.firstUse("d2", "jti", "app\u0000abc", keep)).as("another domain").isTrue();
        assertThat(guard.firstUse("d1", "acs", "app\u0000abc", keep)).as("another kind").isTrue();
    }

    @Test
    void anExpiredRecordGivesWayToANewUse() {
        assertThat(guard.firstUse("d1", "acs", "sig", T0.plusSeconds(60))).isTrue();
        at(T0.plusSeconds(61));
        assertThat(guard.firstUse("d1", "acs", "sig", T0.plusSeconds(121))).as("the old record had ended").isTrue();
        assertThat(guard.firstUse("d1", "acs", "sig", T0.plusSeconds(121))).as("the new record holds").isFalse();
    }

    @Test
    void aBatchOfValuesGetsOneAnswerEachAsFirstUseWould() throws Exception {
        assertThat(guard.firstUse("d1", "acs", "seen", T0.plusSeconds(300))).isTrue();
        assertThat(guard.firstUse("d1", "acs", "ended", T0.plusSeconds(60))).isTrue();
        at(T0.plusSeconds(61));
        boolean[] first = firstUses(List.of(
                new ReplayGuard.OneTimeValue("d1", "acs", "new", T0.plusSeconds(300)),
                new ReplayGuard.OneTimeValue("d1", "acs", "seen", T0.plusSeconds(300)),
                new ReplayGuard.OneTimeValue("d1", "acs", "ended", T0.plusSeconds(300)),
                new ReplayGuard.OneTimeValue("d1", "acs", "twice", T0.plusSeconds(300)),
                new ReplayGuard.OneTimeValue("d1", "acs", "twice", T0.plusSeconds(300)),
                new ReplayGuard.OneTimeValue("d2", "acs", "seen", T0.plusSeconds(300))));
        assertThat(first).containsExactly(true, false, true, true, false, true);
        assertThat(guard.firstUse("d1", "acs", "new", T0.plusSeconds(300))).as("recorded by the batch").isFalse();
        assertThat(guard.firstUse("d1", "acs", "ended", T0.plusSeconds(300))).as("its new record holds").isFalse();
    }

    @Test
    void aBatchOnTheCallersConnectionCommitsAndRollsBackWithTheCallersTransaction() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(guard.firstUsesOn(connection, List.of(new ReplayGuard.OneTimeValue("d1", "acs", "undone", T0.plusSeconds(300)))))
                    .containsExactly(true);
            connection.rollback();
            assertThat(guard.firstUsesOn(connection, List.of(new ReplayGuard.OneTimeValue("d1", "acs", "kept", T0.plusSeconds(300)))))
                    .containsExactly(true);
            connection.commit();
        }
        assertThat(guard.firstUse("d1", "acs", "undone", T0.plusSeconds(300))).as("rolled back with the caller").isTrue();
        assertThat(guard.firstUse("d1", "acs", "kept", T0.plusSeconds(300))).as("committed with the caller").isFalse();
    }

    @Test
    void aValueWhoseEndPassedBeforeItWasWrittenIsStillKeptAMinute() throws Exception {
        // checked just before its end, written a moment later (a token is signed in between)
        assertThat(guard.firstUse("d1", "acs", "late", T0.minusSeconds(1))).isTrue();
        at(T0.plusSeconds(30));
        assertThat(guard.firstUse("d1", "acs", "late", T0.minusSeconds(1))).as("a second use right after").isFalse();
        assertThat(firstUses(List.of(new ReplayGuard.OneTimeValue("d1", "acs", "late", T0.minusSeconds(1)))))
                .containsExactly(false);
        at(T0.plus(ReplayGuard.MIN_KEEP).plusSeconds(1));
        assertThat(guard.firstUse("d1", "acs", "late", T0.minusSeconds(1))).as("the minute is over").isTrue();
    }

    @Test
    void batchesPurgeEndedRecordsWhenTheyPassAThousandUses() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(guard.firstUse("d1", "jti", "old-" + i, T0.plusSeconds(10))).isTrue();
        }
        at(T0.plusSeconds(70)); // past the records' end and the minute every record is kept at least
        List<ReplayGuard.OneTimeValue> batch = new ArrayList<>();
        for (int i = 10; i < ReplayGuard.PURGE_EVERY + 5; i++) {
            batch.add(new ReplayGuard.OneTimeValue("d1", "jti", "new-" + i, T0.plusSeconds(300)));
        }
        assertThat(firstUses(batch)).doesNotContain(false);
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM replay_records")) {
            rows.next();
            assertThat(rows.getLong(1)).as("the ten ended records are gone").isEqualTo(batch.size());
        }
    }

    @Test
    void everyThousandthUsePurgesEndedRecords() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(guard.firstUse("d1", "jti", "old-" + i, T0.plusSeconds(10))).isTrue();
        }
        at(T0.plusSeconds(70)); // past the records' end and the minute every record is kept at least
        for (int i = 10; i < ReplayGuard.PURGE_EVERY; i++) {
            assertThat(guard.firstUse("d1", "jti", "new-" + i, T0.plusSeconds(300))).isTrue();
        }
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM replay_records")) {
            rows.next();
            assertThat(rows.getLong(1)).as("the ten ended records are gone").isEqualTo(ReplayGuard.PURGE_EVERY - 10);
        }
    }
}
