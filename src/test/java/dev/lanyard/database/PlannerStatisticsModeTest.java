package dev.lanyard.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.database.PlannerStatistics.Mode;
import dev.lanyard.database.migration.V9__Audit_ids_from_their_own_sequence;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The statistics check's setting, and the embedded database (no PostgreSQL needed; the rest: PlannerStatisticsTest). */
class PlannerStatisticsModeTest {

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

    @Test
    void theEmbeddedDatabaseHasNothingToAnalyze() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration")
                .javaMigrations(new V9__Audit_ids_from_their_own_sequence()).load().migrate();
        PlannerStatistics statistics = new PlannerStatistics();
        statistics.dataSource = h2;
        statistics.mode = Mode.ALWAYS;
        try {
            assertThat(statistics.check()).isEmpty();
        } finally {
            try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }
}
