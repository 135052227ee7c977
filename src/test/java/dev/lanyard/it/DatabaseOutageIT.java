package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.CuttableProxy;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.Locations;
import dev.lanyard.it.support.ScratchPostgres;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database goes away in the middle of a sign-in to an app (the user has signed in and is on the consent page; the
 * code is not issued yet): the person gets the retryable 503 page, the API 503 JSON with Retry-After, /health/ready goes
 * DOWN, no code was issued; once the database is back, readiness is UP again without a restart and the same person
 * finishes the sign-in. The outage is a relay between Lanyard and PostgreSQL that the test cuts, so the database that
 * other tests share keeps running. Needs PostgreSQL (LANYARD_TEST_DB_URL, else 127.0.0.1:5432 as CI starts it).
 */
class DatabaseOutageIT {

    private static final String REDIRECT = "https://outage.example/cb";
    private static final String APP_SECRET = "outage-app-secret-0123456789";
    private static ScratchPostgres database;
    private static CuttableProxy proxy;
    private static LanyardServer server;

    @BeforeAll
    static void lanyardBehindACuttableRelay() throws Exception {
        database = ScratchPostgres.create("outage");
        URI pg = URI.create(database.adminUrl().substring("jdbc:".length()));
        proxy = new CuttableProxy(pg.getPort() > 0 ? pg.getPort() : 5432);
        server = LanyardServer.withEnv("outage", Map.of(
                "LANYARD_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name(),
                "LANYARD_DB_USER", database.user(),
                "LANYARD_ADMIN_PASSWORD", LanyardServer.ADMIN_PASSWORD)).start();
        TestDatabase.existing(database.url(), database.user(), database.password()).createApp("default", "outage-app", "WEB_SERVER", APP_SECRET,
                List.of(REDIRECT), List.of("all"), false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            try {
                database.drop();
            } catch (SQLException leftForCi) {
                // .ci/run drops every lanyard_it_* database at its end
            }
        }
    }

    @Test
    void theDatabaseGoesAwayBeforeTheCodeIsIssuedAndTheSignInFinishesWhenItIsBack() throws Exception {
        WebSession browser = new WebSession(server);
        String authorize = "/v2/oauth/authorize?response_type=code&client_id=outage-app&scope=all&state=o1&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
        String consentPath = Locations.pathOf(browser.get(authorize).headers().firstValue("Location").orElseThrow());
        Document logon = browser.page(Locations.pathOf(browser.get(consentPath).headers().firstValue("Location").orElseThrow()));
        assertThat(browser.submit(logon, "login", Map.of("username", "admin", "password", LanyardServer.ADMIN_PASSWORD)).statusCode())
                .as(browser.describeLast()).isEqualTo(302);
        Document consent = browser.page(consentPath);
        assertThat(consent.getElementById("consent")).as(consent.outerHtml()).isNotNull();

        proxy.cut();
        HttpResponse<String> allowed = browser.submit(consent, "consent", Map.of());
        assertThat(allowed.statusCode()).as(browser.describeLast()).isEqualTo(503);
        assertThat(allowed.headers().firstValue("Retry-After")).isPresent();
        assertThat(Jsoup.parse(allowed.body()).getElementById("unavailable")).as(allowed.body()).isNotNull();
        assertThat(allowed.body()).doesNotContain("Exception").doesNotContain("\tat ");

        HttpResponse<String> api = new WebSession(server).post("/v2/oauth/token", Map.of("grant_type", "refresh_token",
                "refresh_token", "any-token", "client_id", "outage-app", "client_secret", APP_SECRET));
        assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
        assertThat(api.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/json"));
        assertThat(awaitReadiness(503)).as("/health/ready goes DOWN").contains("\"status\":\"DOWN\"");

        proxy.restore();
        assertThat(awaitReadiness(200)).as("and UP again, without a restart").contains("\"status\":\"UP\"");
        assertThat(codesIssued()).as("nothing was half-written: no code").isZero();

        // the same browser, still signed in, finishes its sign-in: a fresh consent, a code, tokens
        String again = Locations.pathOf(browser.get(authorize).headers().firstValue("Location").orElseThrow());
        HttpResponse<String> issued = browser.submit(browser.page(again), "consent", Map.of());
        assertThat(issued.statusCode()).as(browser.describeLast()).isEqualTo(302);
        String code = Locations.queryParameter(issued.headers().firstValue("Location").orElseThrow(), "code");
        HttpResponse<String> tokens = new WebSession(server).post("/v2/oauth/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "client_id", "outage-app", "client_secret", APP_SECRET));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    }

    /** Polls /health/ready until it answers {@code status} (at most 60 s); its body. */
    private static String awaitReadiness(int status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        HttpResponse<String> ready = new WebSession(server).get("/health/ready");
        while (ready.statusCode() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            ready = new WebSession(server).get("/health/ready");
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(status);
        return ready.body();
    }

    private static long codesIssued() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM authorization_codes WHERE app_id = 'outage-app'")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return database.connect();
    }
}
