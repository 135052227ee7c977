package dev.lanyard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void defaultIsAnEmbeddedH2FileUnderTheDataDirectory() {
        DatabaseSettings settings = DatabaseSettings.from(Map.of("LANYARD_DATA_DIR", "/srv/lanyard"), new Properties());
        assertThat(settings.embedded()).isTrue();
        assertThat(settings.kind()).isEqualTo(DatabaseSettings.Kind.H2);
        assertThat(settings.url()).startsWith("jdbc:h2:file:/srv/lanyard/lanyard;MODE=PostgreSQL");
    }

    @Test
    void anH2DatabaseStaysOpenWhenThePoolIsIdleUnlessTheUrlSaysOtherwise() {
        assertThat(DatabaseSettings.from(Map.of(), new Properties()).driverUrl()).endsWith(";DB_CLOSE_DELAY=-1");
        assertThat(DatabaseSettings.from(Map.of("LANYARD_DB_URL", "jdbc:h2:file:/x/db;AUTO_SERVER=TRUE"), new Properties()).driverUrl())
                .isEqualTo("jdbc:h2:file:/x/db;AUTO_SERVER=TRUE;DB_CLOSE_DELAY=-1");
        assertThat(DatabaseSettings.from(Map.of("LANYARD_DB_URL", "jdbc:h2:file:/x/db;db_close_delay=5"), new Properties()).driverUrl())
                .isEqualTo("jdbc:h2:file:/x/db;db_close_delay=5");
        assertThat(DatabaseSettings.from(Map.of("LANYARD_DB_URL", "jdbc:postgresql://db/x"), new Properties()).driverUrl())
                .isEqualTo("jdbc:postgresql://db/x");
    }

    @Test
    void dbUrlSwitchesToPostgresql() {
        DatabaseSettings settings = DatabaseSettings.from(Map.of(
                "LANYARD_DB_URL", "jdbc:postgresql://db:5432/lanyard", "LANYARD_DB_USER", "lanyard", "LANYARD_DB_PASSWORD", "pw"),
                new Properties());
        assertThat(settings.embedded()).isFalse();
        assertThat(settings.kind()).isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
        assertThat(settings.user()).isEqualTo("lanyard");
    }

    @Test
    void systemPropertiesWorkWhenTheEnvironmentIsSilent() {
        Properties sys = new Properties();
        sys.setProperty("lanyard.db.url", "jdbc:postgresql://db/x");
        assertThat(DatabaseSettings.from(Map.of(), sys).url()).isEqualTo("jdbc:postgresql://db/x");
    }

    @Test
    void unsupportedUrlsAreRecognised() {
        assertThat(DatabaseSettings.from(Map.of("LANYARD_DB_URL", "not-a-url"), new Properties()).kind())
                .isEqualTo(DatabaseSettings.Kind.UNSUPPORTED);
        assertThat(DatabaseSettings.from(Map.of("LANYARD_DB_URL", "jdbc:mysql://x/y"), new Properties()).kind())
                .isEqualTo(DatabaseSettings.Kind.UNSUPPORTED);
    }

    @Test
    void redactedUrlHidesCredentialsAndOptions() {
        DatabaseSettings settings = DatabaseSettings.from(Map.of(
                "LANYARD_DB_URL", "jdbc:postgresql://bob:secret@db:5432/lanyard?password=secret&ssl=true"), new Properties());
        assertThat(settings.redactedUrl()).isEqualTo("jdbc:postgresql://***@db:5432/lanyard").doesNotContain("secret");
    }
}
