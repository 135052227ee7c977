package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.OAuthBrowser;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LANYARD_IMPORT at start: the declared app runs the code flow at once, a second start with the same file changes
 * nothing, export -> import into an empty database gives the same configuration, and a bad file stops Lanyard serving.
 */
class ImportIT {

    private static final String WEB_SECRET = "imported-web-secret-0123456789";
    private static final String REDIRECT = "https://imported.example/cb";

    @Test
    void importedAppWorksAtOnceAndReimportChangesNothingAndExportRoundTrips() throws Exception {
        Path file = writeImportFile("import-good");
        TestDatabase database = TestDatabase.fresh("import");
        Map<String, String> env = new HashMap<>(Map.of("LANYARD_ADMIN_PASSWORD", LanyardServer.ADMIN_PASSWORD,
                "LANYARD_IMPORT", file.toString(), "WEB_SECRET", WEB_SECRET,
                "LANYARD_BOOTSTRAP_ACCESS_KEY_ID", "BOOTSTRAPKEY", "LANYARD_BOOTSTRAP_ACCESS_KEY_SECRET", "bootstrap-secret-0123456789"));
        JsonObject exported;
        try (LanyardServer server = LanyardServer.onTestDatabase("import", database, env)) {
            server.start();
            assertThat(server.log()).contains("Import of domain default from " + file);
            String token = accessToken(server);
            assertThat(database.count("SELECT count(*) FROM access_keys WHERE access_key_id = 'BOOTSTRAPKEY' AND role = 'SUPERADMIN'")).isEqualTo(1);
            assertThat(database.count("SELECT count(*) FROM access_keys WHERE secret_encrypted LIKE '%bootstrap-secret%'")).as("encrypted").isZero();
            long appsUpdated = database.count("SELECT count(*) FROM apps WHERE updated_at > created_at");

            server.stop();
            server.start();
            assertThat(server.log()).contains("Import of domain default from " + file + ": nothing changed");
            assertThat(database.count("SELECT count(*) FROM apps WHERE updated_at > created_at")).isEqualTo(appsUpdated);

            exported = export(server, accessToken(server));
            assertThat(exported.toString()).doesNotContain(WEB_SECRET).doesNotContain("carol-password").contains("imported-web");
        }

        // export -> import into an empty database. AccessKeys are left out: an export has no secrets, and a new
        // AccessKey cannot be created without one (the import says so rather than invent one).
        JsonObject withoutKeys = Json.createObjectBuilder(exported).remove("access_keys").build();
        Path exportFile = Files.writeString(workDir("import-roundtrip").resolve("export.json"), withoutKeys.toString());
        TestDatabase empty = TestDatabase.fresh("roundtrip");
        try (LanyardServer second = LanyardServer.onTestDatabase("roundtrip", empty, Map.of(
                "LANYARD_ADMIN_PASSWORD", LanyardServer.ADMIN_PASSWORD, "LANYARD_IMPORT", exportFile.toString()))) {
            second.start();
            // the app has no secret after a secret-free import; give it one to sign in and export
            empty.update("UPDATE apps SET secret_hash = ? WHERE app_id = 'imported-web'", dev.lanyard.token.OpaqueSecrets.sha256Hex(WEB_SECRET));
            JsonObject again = export(second, accessToken(second));
            assertThat(again.get("apps")).isEqualTo(exported.get("apps"));
            assertThat(again.get("user_systems")).isEqualTo(exported.get("user_systems"));
            for (JsonValue user : exported.getJsonArray("users")) {
                assertThat(again.getJsonArray("users")).contains(user);
            }
        }
    }

    @Test
    void aBadFileStopsLanyardServingAndAppliesNothing() throws Exception {
        Path dir = workDir("import-bad");
        Path file = Files.writeString(dir.resolve("bad.json"), """
                {"domain_id": "default", "apps": [{"app_id": "x1", "type": "WebServer", "redirect_uris": ["https://ok.example/cb"]},
                 {"app_id": "x2", "type": "WebServer", "redirect_uris": ["/relative/cb"]}]}""");
        TestDatabase database = TestDatabase.fresh("import-bad");
        try (LanyardServer server = LanyardServer.onTestDatabase("import-bad", database, Map.of(
                "LANYARD_ADMIN_PASSWORD", LanyardServer.ADMIN_PASSWORD, "LANYARD_IMPORT", file.toString()))) {
            server.start(false);
            WebSession client = new WebSession(server);
            assertThat(client.get("/health/ready").statusCode()).isEqualTo(503);
            assertThat(client.get("/").statusCode()).isEqualTo(503);
            assertThat(client.get("/.well-known/openid-configuration").statusCode()).isEqualTo(503);
            assertThat(server.log()).contains("LANYARD_IMPORT refused").contains(file + ": $.apps[1].redirect_uris[0]: redirect URI must be absolute");
            assertThat(database.count("SELECT count(*) FROM apps WHERE app_id IN ('x1', 'x2')")).as("nothing applied").isZero();
        }
    }

    /** The web app is first party: the export needs the superadmin's rights, which a third-party app's token lacks. */
    private static Path writeImportFile(String name) throws Exception {
        return Files.writeString(workDir(name).resolve("default.json"), """
                {
                  "domain_id": "default",
                  "name": "Imported Default",
                  "user_systems": {"password": {"enabled": true}},
                  "apps": [
                    {"app_id": "imported-web", "name": "Imported Web", "type": "WebServer", "first_party": true,
                     "redirect_uris": ["%s"], "scopes": ["all"], "client_secret": "${env:WEB_SECRET}"},
                    {"app_id": "imported-jwt", "name": "Imported JWT", "type": "JWT",
                     "public_keys": [{"kid": "k1", "pem": "%s"}]}
                  ],
                  "users": [{"user_id": "carol", "nick_name": "Carol", "role": "admin", "password": "carol-password-123"}]
                }
                """.formatted(REDIRECT, pem().replace("\n", "\\n")));
    }

    private static String accessToken(LanyardServer server) {
        URI back = new OAuthBrowser(server).authorizeAndAllow(Map.of("client_id", "imported-web", "redirect_uri", REDIRECT,
                "response_type", "code", "state", "s"));
        HttpResponse<String> tokens = new WebSession(server).post("/v2/oauth/token", Map.of("grant_type", "authorization_code",
                "code", OAuthBrowser.param(back, "code"), "redirect_uri", REDIRECT, "client_id", "imported-web", "client_secret", WEB_SECRET));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return Json.createReader(new StringReader(tokens.body())).readObject().getString("access_token");
    }

    private static JsonObject export(LanyardServer server, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/v2/domain/export"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static Path workDir(String name) throws Exception {
        Path dir = Path.of(System.getProperty("lanyard.it.workDir", "target/it")).resolve(name).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    private static String pem() throws Exception {
        return dev.lanyard.it.support.TestKeys.rsaPublicKeyPem();
    }
}
