package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.Locations;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser's state kept in the database (browser_sessions, pending_authorizations) on the real WAR: what binds it to
 * one browser, what ends it, and what a forged cookie gets.
 */
@ExtendWith(SharedServer.class)
class BrowserSessionIT {

    private static final String PASSWORD = "browser-session-password-1";
    private static final String REDIRECT = "https://sessions.example/cb";

    private final LanyardServer server;
    private final TestDatabase database;
    private String admin;
    private String adminId;
    private String app;

    BrowserSessionIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeEach
    void anAdministratorAndAnApp() throws Exception {
        admin = "sessions-" + UUID.randomUUID().toString().substring(0, 8);
        adminId = database.createPasswordUser("default", admin, PASSWORD, "ADMIN", "ENABLED");
        app = "sessions-app-" + UUID.randomUUID().toString().substring(0, 8);
        database.createApp("default", app, "WEB_SERVER", "sessions-app-secret-0123456789", List.of(REDIRECT), List.of("all"), false);
    }

    @Test
    void anAuthorizationRequestWorksOnlyInTheBrowserThatMadeIt() throws Exception {
        WebSession maker = signedIn();
        String consentPath = authorize(maker);
        WebSession other = signedIn();
        Document elsewhere = other.page(consentPath);
        assertThat(elsewhere.getElementById("consent-expired")).as("another browser, same user: not its request").isNotNull();
        assertThat(elsewhere.getElementById("consent")).isNull();

        Document consent = maker.page(consentPath);
        assertThat(consent.getElementById("consent")).as(maker.describeLast()).isNotNull();
        assertThat(maker.submit(consent, "consent", Map.of()).statusCode()).isEqualTo(302);
        assertThat(maker.page(consentPath).getElementById("consent-expired")).as("used up").isNotNull();
    }

    @Test
    void aBrowserKeepsItsNewestRequestsUpToTheLimit() throws Exception {
        WebSession browser = signedIn();
        String oldest = authorize(browser);
        String second = authorize(browser);
        for (int i = 0; i < 19; i++) {
            authorize(browser);
        }
        assertThat(browser.page(oldest).getElementById("consent-expired")).as("the 21st pushed out the oldest").isNotNull();
        assertThat(browser.page(second).getElementById("consent")).as("the newest 20 wait").isNotNull();
    }

    @Test
    void aForgedSessionCookieSignsNobodyInAndAnEndedSessionMustSignInAgain() throws Exception {
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/admin/"))
                .header("Cookie", "LANYARD_SESSION=" + "A".repeat(43)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("to the logon page").isEqualTo(302);

        WebSession browser = signedIn();
        assertThat(browser.get("/admin/").statusCode()).isEqualTo(200);
        database.update("UPDATE browser_sessions SET expires_at = ? WHERE domain_id = 'default' AND user_id = ?",
                OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), adminId);
        assertThat(browser.get("/admin/").statusCode()).as("idle or absolute limit passed").isEqualTo(302);
    }

    @Test
    void anActiveBrowserPushesItsIdleLimitBackAtMostOnceAMinute() throws Exception {
        WebSession browser = signedIn();
        OffsetDateTime twoMinutesAgo = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2).truncatedTo(ChronoUnit.SECONDS);
        database.update("UPDATE browser_sessions SET last_seen_at = ?, expires_at = ? WHERE domain_id = 'default' AND user_id = ?",
                twoMinutesAgo, twoMinutesAgo.plusMinutes(30), adminId);
        assertThat(browser.get("/admin/").statusCode()).isEqualTo(200);
        String seen = "SELECT count(*) FROM browser_sessions WHERE domain_id = 'default' AND user_id = ? AND last_seen_at > ?"
                + " AND expires_at > ?";
        assertThat(database.count(seen, adminId, twoMinutesAgo.plusMinutes(1), twoMinutesAgo.plusMinutes(31)))
                .as("seen now, idle limit 30 minutes from now").isEqualTo(1);
    }

    @Test
    void signingOutDeletesTheSessionAndTheCookieValueIsNeverStored() throws Exception {
        WebSession browser = signedIn();
        String sessions = "SELECT count(*) FROM browser_sessions WHERE domain_id = 'default' AND user_id = ?";
        assertThat(database.count(sessions, adminId)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM browser_sessions WHERE domain_id = 'default' AND user_id = ?"
                + " AND length(session_hash) = 64", adminId)).as("a SHA-256, not the cookie's 43 characters").isEqualTo(1);
        Document home = browser.page("/login.xhtml");
        assertThat(browser.submit(home, "logout-form", Map.of()).statusCode()).isEqualTo(302);
        assertThat(database.count(sessions, adminId)).isZero();
        assertThat(browser.get("/admin/").statusCode()).isEqualTo(302);
    }

    private WebSession signedIn() {
        WebSession browser = new WebSession(server);
        assertThat(browser.login(admin, PASSWORD).statusCode()).as(browser.describeLast()).isEqualTo(302);
        return browser;
    }

    private String authorize(WebSession browser) {
        HttpResponse<String> response = browser.get("/v2/oauth/authorize?response_type=code&client_id=" + app + "&scope=all&state=s"
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(browser.describeLast()).isEqualTo(302);
        return Locations.pathOf(response.headers().firstValue("Location").orElseThrow());
    }
}
