package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.OAuthBrowser;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.TestKeys;
import dev.lanyard.it.support.WebSession;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * First start on an empty database without LANYARD_ADMIN_PASSWORD, then a restart: the generated password is printed
 * once and keeps working, the second start migrates nothing, a lockout and a used JWT-bearer jti survive the restart,
 * and what was in flight still works once: an unredeemed authorization code, a refresh token (its reuse still
 * detected), an SMS code sent before the restart.
 */
class RestartIT {

    /** The Flyway migrations the WAR carries: SQL scripts and Java migrations. */
    private static long migrationScripts() throws Exception {
        long sql;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            sql = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/java/dev/lanyard/database/migration"))) {
            return sql + files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.java")).count();
        }
    }

    private static final String APP_SECRET = "restart-web-secret-0123456789";
    private static final String REDIRECT = "https://restart.example/cb";

    private static HttpResponse<String> tokenCall(LanyardServer server, Map<String, String> grant) {
        Map<String, String> form = new java.util.HashMap<>(grant);
        form.put("client_id", "restart-web");
        form.put("client_secret", APP_SECRET);
        return new WebSession(server).post("/v2/oauth/token", form);
    }

    private static jakarta.json.JsonObject json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readObject();
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

            // a JWT-bearer assertion used once before the restart stays used after it
            KeyPair key = TestKeys.pair("RSA");
            database.createJwtApp("default", "restart-app", Map.of("k1", TestKeys.pem(key.getPublic())), null, false, false);
            String jwtUser = database.createPasswordUser("default", "jwt-restart", "jwt-restart-password-1", "USER", "ENABLED");
            Instant now = Instant.now();
            String assertion = JWT.create().withIssuer("restart-app").withSubject(jwtUser).withClaim("sub_type", "user")
                    .withAudience("default").withJWTId(UUID.randomUUID().toString()).withIssuedAt(now)
                    .withExpiresAt(now.plusSeconds(240)).withKeyId("k1")
                    .sign(Algorithm.RSA256((RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate()));
            Map<String, String> grant = Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", assertion);
            assertThat(new WebSession(server).post("/v2/oauth/token", grant).statusCode()).isEqualTo(200);

            // in flight across the restart: an unredeemed code, a refresh token, an SMS code not yet used
            database.createApp("default", "restart-web", "WEB_SERVER", APP_SECRET, List.of(REDIRECT), List.of("all"), false);
            database.enableUserSystem("default", "mobile", "{}");
            OAuthBrowser browser = new OAuthBrowser(server, "admin", password);
            Map<String, String> authorize = Map.of("client_id", "restart-web", "redirect_uri", REDIRECT, "response_type", "code",
                    "state", "r");
            String pendingCode = OAuthBrowser.param(browser.authorizeAndAllow(authorize), "code");
            String refreshToken = json(tokenCall(server, Map.of("grant_type", "authorization_code", "redirect_uri", REDIRECT,
                    "code", OAuthBrowser.param(browser.authorizeAndAllow(authorize), "code"))), 200).getString("refresh_token");
            String challenge = json(new WebSession(server).postRaw("/v2/account/send_sms_code", "application/json",
                    "{\"app_id\": \"restart-web\", \"phone_number\": \"13900139555\"}"), 200).getString("sms_code_id");
            WebSession admin = new WebSession(server);
            admin.login("admin", password);
            Matcher sent = Pattern.compile("\\b(\\d{6})\\b").matcher(admin.page("/admin/sms-outbox.xhtml").select(".outbox-text").first().text());
            assertThat(sent.find()).isTrue();
            String smsCode = sent.group(1);

            server.stop();
            server.start();

            assertThat(tokenCall(server, Map.of("grant_type", "authorization_code", "redirect_uri", REDIRECT, "code", pendingCode))
                    .statusCode()).as("a code issued before the restart is redeemed after it").isEqualTo(200);
            assertThat(tokenCall(server, Map.of("grant_type", "authorization_code", "redirect_uri", REDIRECT, "code", pendingCode))
                    .statusCode()).as("once").isEqualTo(400);
            assertThat(tokenCall(server, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)).statusCode())
                    .as("the refresh token outlives the restart").isEqualTo(200);
            assertThat(tokenCall(server, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)).statusCode())
                    .as("and its reuse is still detected").isEqualTo(400);
            assertThat(new WebSession(server).postRaw("/v2/account/login", "application/json", "{\"app_id\": \"restart-web\", "
                    + "\"phone_number\": \"13900139555\", \"sms_code_id\": \"" + challenge + "\", \"sms_code\": \"" + smsCode
                    + "\", \"auto_register\": true}").statusCode()).as("the SMS code sent before the restart works after it").isEqualTo(200);

            assertThat(admin.get("/admin/sms-outbox.xhtml").statusCode()).as("a browser signed in before the restart still is")
                    .isEqualTo(200);

            assertThat(server.log()).as("the second start").doesNotContain("Generated password").contains("nothing migrated");
            assertThat(database.count("SELECT count(*) FROM flyway_schema_history WHERE success AND type IN ('SQL', 'JDBC')")).isEqualTo(migrations);
            assertThat(new WebSession(server).login("admin", password).statusCode()).as("same password after restart").isEqualTo(302);
            assertThat(new WebSession(server).login("locked-user", "locked-password-1").statusCode())
                    .as("the lockout outlives the restart").isEqualTo(401);
            HttpResponse<String> replay = new WebSession(server).post("/v2/oauth/token", grant);
            assertThat(replay.statusCode()).isEqualTo(400);
            assertThat(replay.body()).as("the jti outlives the restart").contains("invalid_grant").contains("already used");
        }
    }
}
