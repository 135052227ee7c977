package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * First start on an empty database without LANYARD_ADMIN_PASSWORD, then a restart: the generated password is printed
 * once and keeps working, the second start migrates nothing, and a lockout survives the restart.
 */
class RestartIT {

    /** The Flyway scripts the WAR carries. */
    private static long migrationScripts() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }

    private static final Pattern GENERATED = Pattern.compile("Generated password \\(shown only this once\\): (\\S+)");

    @Test
    void generatedPasswordMigrationsAndLockoutSurviveARestart() throws Exception {
        TestDatabase database = TestDatabase.fresh("restart");
        try (LanyardServer server = LanyardServer.onTestDatabase("restart", database, Map.of())) {
            server.start();
            Matcher matcher = GENERATED.matcher(server.log());
            assertThat(matcher.find()).as("the first start prints the generated password").isTrue();
            String password = matcher.group(1);
            assertThat(password).hasSize(20);
            long migrations = migrationScripts();
            assertThat(server.log()).contains("applied " + migrations + " migration(s)").contains("Lanyard is ready: sign in at " + server.baseUrl() + "/");

            assertThat(new WebSession(server).login("admin", password).statusCode()).isEqualTo(302);

            database.createPasswordUser("default", "locked-user", "locked-password-1", "ADMIN", "ENABLED");
            for (int i = 0; i < 5; i++) {
                new WebSession(server).login("locked-user", "wrong-" + i);
            }

            server.stop();
            server.start();

            assertThat(server.log()).as("the second start").doesNotContain("Generated password").contains("nothing migrated");
            assertThat(database.count("SELECT count(*) FROM flyway_schema_history WHERE success AND type = 'SQL'")).isEqualTo(migrations);
            assertThat(new WebSession(server).login("admin", password).statusCode()).as("same password after restart").isEqualTo(302);
            assertThat(new WebSession(server).login("locked-user", "locked-password-1").statusCode())
                    .as("the lockout outlives the restart").isEqualTo(401);
        }
    }
}
