package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.WebSession;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A database that is unreachable or a URL that makes no sense: one clear log line, not ready, still live, no loop. */
class BadDatabaseIT {

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:1/lanyard", "not-a-jdbc-url"})
    void startsNotReadyWithOneClearLineNamingTheSetting(String badUrl) throws Exception {
        String name = badUrl.startsWith("jdbc") ? "unreachable-db" : "malformed-db";
        try (LanyardServer server = LanyardServer.withEnv(name, Map.of("LANYARD_DB_URL", badUrl, "LANYARD_DB_USER", "postgres"))) {
            server.start(false);
            WebSession client = new WebSession(server);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> ready = client.get("/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("\"status\":\"DOWN\"");
                Thread.sleep(4_000); // spans a retry interval of the readiness check
            }
            assertThat(client.get("/health/live").statusCode()).isEqualTo(200);

            String log = server.log();
            long clearLines = log.lines().filter(l -> l.contains("Lanyard cannot use its database at LANYARD_DB_URL=")).count();
            assertThat(clearLines).as("exactly one clear line, not one per retry").isEqualTo(1);
            assertThat(log).doesNotContain("Generated password");
            assertThat(log.lines().filter(l -> l.contains("SEVERE")).count()).as("no stack-trace loop").isLessThanOrEqualTo(3);
        }
    }

    @Test
    void theLogNeverShowsTheDatabasePassword() throws Exception {
        try (LanyardServer server = LanyardServer.withEnv("db-password-hidden", Map.of(
                "LANYARD_DB_URL", "jdbc:postgresql://127.0.0.1:1/lanyard?password=url-secret-9",
                "LANYARD_DB_USER", "lanyard", "LANYARD_DB_PASSWORD", "env-secret-9"))) {
            server.start(false);
            assertThat(new WebSession(server).get("/health/ready").statusCode()).isEqualTo(503);
            assertThat(server.log()).contains("LANYARD_DB_URL=jdbc:postgresql://127.0.0.1:1/lanyard")
                    .doesNotContain("url-secret-9").doesNotContain("env-secret-9");
        }
    }
}
