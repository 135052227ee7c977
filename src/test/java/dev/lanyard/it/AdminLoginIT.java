package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Password sign-in of administrators on the real WAR: the happy path and every refusal the issue lists. */
@ExtendWith(SharedServer.class)
class AdminLoginIT {

    private static final String GENERIC_FAILURE = "Wrong username or password, or the account is locked";

    private final LanyardServer server;
    private final TestDatabase database;

    AdminLoginIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @Test
    void rootServesTheLogonPageOfTheDefaultDomain() {
        WebSession browser = new WebSession(server);
        Document page = browser.page("/");
        assertThat(browser.last().statusCode()).as(browser.describeLast()).isEqualTo(200);
        assertThat(page.getElementById("login-heading").text()).isEqualTo("Sign in to Default");
        assertThat(page.select("#login input[name=_csrf]").attr("value")).hasSizeGreaterThan(30);
    }

    @Test
    void theLanguageSwitcherKeepsThePickedLanguageAndComesBackToThePage() {
        WebSession browser = new WebSession(server);
        Document english = browser.page("/login.xhtml");
        assertThat(english.getElementById("language-en").attr("aria-current")).isEqualTo("true");
        String toChinese = english.getElementById("language-zh").attr("href");
        assertThat(toChinese).isEqualTo("/language?lang=zh&next=%2Flogin.xhtml");

        HttpResponse<String> picked = browser.get(toChinese);
        assertThat(picked.statusCode()).isEqualTo(303);
        assertThat(picked.headers().firstValue("Location")).hasValue("/login.xhtml");
        assertThat(picked.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).contains("lanyard-lang=zh").contains("HttpOnly").contains("SameSite=Lax"));
        Document chinese = browser.page("/login.xhtml");
        assertThat(chinese.getElementById("login-heading").text()).startsWith("登录到");
        assertThat(chinese.selectFirst("html").attr("lang")).isEqualTo("zh");
        assertThat(chinese.getElementById("language-zh").attr("aria-current")).isEqualTo("true");

        // back to English; a language the pages do not have, and a next that leaves the site
        assertThat(browser.get("/language?lang=en&next=%2Flogin.xhtml").statusCode()).isEqualTo(303);
        assertThat(browser.page("/login.xhtml").getElementById("login-heading").text()).isEqualTo("Sign in to Default");
        assertThat(browser.get("/language?lang=fr&next=%2F").statusCode()).isEqualTo(400);
        assertThat(browser.get("/language?lang=de").statusCode()).isEqualTo(400);
        for (String away : new String[] {"https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2F%5Cevil.example"}) {
            HttpResponse<String> refused = browser.get("/language?lang=en&next=" + away);
            assertThat(refused.statusCode()).isEqualTo(303);
            assertThat(refused.headers().firstValue("Location")).as(away).hasValue("/");
        }
    }

    @Test
    void adminSignsInSeesTheDashboardAndSignsOut() {
        WebSession browser = new WebSession(server);
        HttpResponse<String> login = browser.login("admin", LanyardServer.ADMIN_PASSWORD);
        assertThat(login.statusCode()).as(browser.describeLast()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/"));

        Document dashboard = browser.page("/admin/");
        assertThat(browser.last().statusCode()).as(browser.describeLast()).isEqualTo(200);
        assertThat(dashboard.getElementById("domain-id").text()).isEqualTo("default");
        assertThat(dashboard.getElementById("signed-in-as").text()).contains("admin").contains("superadmin");
        assertThat(dashboard.select("#users td").eachText()).contains("admin", "superadmin");
        assertThat(dashboard.select("#apps td").eachText()).contains("BasicUI", "disabled", "WebBrowser");
        assertThat(Long.parseLong(dashboard.getElementById("user-count").text())).isGreaterThanOrEqualTo(1);
        assertThat(browser.last().headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> logout = browser.submit(dashboard, "logout-form", Map.of());
        assertThat(logout.statusCode()).as(browser.describeLast()).isEqualTo(302);
        HttpResponse<String> afterLogout = browser.get("/admin/");
        assertThat(afterLogout.statusCode()).isEqualTo(302);
        assertThat(afterLogout.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login.xhtml?next=%2Fadmin%2F"));
    }

    @Test
    void adminPageWithoutSignInRedirectsToTheLogonPageAndBackAfterwards() {
        WebSession browser = new WebSession(server);
        HttpResponse<String> response = browser.get("/admin/index.xhtml");
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/login.xhtml?next=");

        Document loginPage = browser.page(location.replaceFirst("^https?://[^/]+", ""));
        assertThat(loginPage.select("input[name=next]").attr("value")).isEqualTo("/admin/index.xhtml");
        HttpResponse<String> login = browser.submit(loginPage, "login", Map.of("username", "admin", "password", LanyardServer.ADMIN_PASSWORD));
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/index.xhtml"));
    }

    @Test
    void nextParameterPointingToAnotherSiteIsIgnored() {
        WebSession browser = new WebSession(server);
        Document loginPage = browser.page("/login.xhtml?next=//evil.example/steal");
        HttpResponse<String> login = browser.submit(loginPage, "login", Map.of("username", "admin", "password", LanyardServer.ADMIN_PASSWORD));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).isEqualTo(server.baseUrl() + "/admin/");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        WebSession browser = new WebSession(server);
        HttpResponse<String> wrongPassword = browser.login("admin", "not-the-password");
        HttpResponse<String> unknownUser = new WebSession(server).login("nobody-" + UUID.randomUUID(), "whatever-password");

        assertThat(wrongPassword.statusCode()).isEqualTo(401).isEqualTo(unknownUser.statusCode());
        assertThat(wrongPassword.body()).contains(GENERIC_FAILURE);
        assertThat(unknownUser.body()).contains(GENERIC_FAILURE);
        assertThat(browser.get("/admin/").statusCode()).as("still signed out").isEqualTo(302);
    }

    @Test
    void unknownUserTakesAboutAsLongAsAWrongPassword() throws Exception {
        String username = "timing-" + UUID.randomUUID().toString().substring(0, 8);
        database.createPasswordUser("default", username, "timing-password-1", "USER", "ENABLED");
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            known.add(timedFailedLogin(username));
            unknown.add(timedFailedLogin("ghost-" + UUID.randomUUID()));
        }
        double ratio = (double) median(unknown) / median(known);
        // The password hash dominates both paths; a generous band stays honest on a shared, noisy machine.
        assertThat(ratio).as("median unknown/known = %s vs %s ms", median(unknown), median(known)).isBetween(0.5, 2.0);
    }

    @Test
    void aPasswordWithCharactersBeyondAsciiSignsIn() throws Exception {
        String username = "intl-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = database.createPasswordUser("default", username, "pässwörd-密码-1", "ADMIN", "ENABLED");
        assertThat(new WebSession(server).login(username, "pässwörd-密码-1").statusCode())
                .as("the form is read as UTF-8, as the page sends it").isEqualTo(302);
        assertThat(new WebSession(server).login(username, "passwort-1").statusCode()).isEqualTo(401);

        // both attempts are in the audit log, without the password
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE user_id = ? AND event_type = 'login.success' AND subject = 'password'",
                userId)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE user_id = ? AND event_type = 'login.failure' AND detail = 'wrong password'",
                userId)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE detail LIKE '%passwort%' OR subject LIKE '%passwort%'")).isZero();
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
        String username = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        database.createPasswordUser("default", username, "right-password-1", "ADMIN", "ENABLED");
        for (int i = 0; i < 5; i++) {
            assertThat(new WebSession(server).login(username, "wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> rightPassword = new WebSession(server).login(username, "right-password-1");
        assertThat(rightPassword.statusCode()).isEqualTo(401);
        assertThat(rightPassword.body()).contains(GENERIC_FAILURE);
        assertThat(database.count("SELECT count(*) FROM login_failures WHERE account_key = ? AND locked_until IS NOT NULL", username))
                .as("the lockout is kept in the database").isEqualTo(1);
    }

    @Test
    void simultaneousFailuresAreAllCountedAndNoneIsAnError() throws Exception {
        String username = "burst-" + UUID.randomUUID().toString().substring(0, 8);
        database.createPasswordUser("default", username, "right-password-1", "ADMIN", "ENABLED");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                statuses.add(pool.submit(() -> new WebSession(server).login(username, "wrong-" + n).statusCode()));
            }
            for (var status : statuses) {
                assertThat(status.get()).isEqualTo(401);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(database.count("SELECT failures FROM login_failures WHERE account_key = ?", username)).isEqualTo(5);
        assertThat(new WebSession(server).login(username, "right-password-1").statusCode()).as("locked").isEqualTo(401);
    }

    @Test
    void aSuccessfulSignInResetsTheFailureCount() throws Exception {
        String username = "reset-" + UUID.randomUUID().toString().substring(0, 8);
        database.createPasswordUser("default", username, "right-password-1", "ADMIN", "ENABLED");
        for (int i = 0; i < 4; i++) {
            new WebSession(server).login(username, "wrong-" + i);
        }
        assertThat(new WebSession(server).login(username, "right-password-1").statusCode()).isEqualTo(302);
        assertThat(database.count("SELECT count(*) FROM login_failures WHERE account_key = ?", username)).isZero();
    }

    @Test
    void disabledUserCannotSignIn() throws Exception {
        String username = "disabled-" + UUID.randomUUID().toString().substring(0, 8);
        database.createPasswordUser("default", username, "right-password-1", "ADMIN", "DISABLED");
        HttpResponse<String> response = new WebSession(server).login(username, "right-password-1");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains(GENERIC_FAILURE);
    }

    @Test
    void plainUserSignsInButTheConsoleIsForbidden() throws Exception {
        String username = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        database.createPasswordUser("default", username, "right-password-1", "USER", "ENABLED");
        WebSession browser = new WebSession(server);
        HttpResponse<String> login = browser.login(username, "right-password-1");
        assertThat(login.statusCode()).as(browser.describeLast()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).isEqualTo(server.baseUrl() + "/");

        Document home = browser.page("/");
        assertThat(home.getElementById("signed-in").text()).contains(username);
        HttpResponse<String> console = browser.get("/admin/");
        assertThat(console.statusCode()).isEqualTo(403);
        assertThat(console.body()).contains("Forbidden").doesNotContain("Exception");
    }

    @Test
    void loginFormWithoutItsCsrfTokenIsRefusedAndSignsNobodyIn() {
        WebSession browser = new WebSession(server);
        Document loginPage = browser.page("/login.xhtml");
        Map<String, String> withoutToken = new java.util.HashMap<>(Map.of("username", "admin", "password", LanyardServer.ADMIN_PASSWORD));
        withoutToken.put("_csrf", null);
        HttpResponse<String> response = browser.submit(loginPage, "login", withoutToken);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(browser.get("/admin/").statusCode()).as("not signed in").isEqualTo(302);

        HttpResponse<String> forged = browser.submit(loginPage, "login",
                Map.of("username", "admin", "password", LanyardServer.ADMIN_PASSWORD, "_csrf", "forged-token"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/admin/").statusCode()).isEqualTo(302);
    }

    @Test
    void logoutWithoutCsrfTokenIsRefusedAndTheSessionStays() {
        WebSession browser = new WebSession(server);
        browser.login("admin", LanyardServer.ADMIN_PASSWORD);
        Document dashboard = browser.page("/admin/");
        Map<String, String> withoutToken = new java.util.HashMap<>();
        withoutToken.put("_csrf", null);
        assertThat(browser.submit(dashboard, "logout-form", withoutToken).statusCode()).isEqualTo(403);
        assertThat(browser.get("/admin/").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void tokenFromBeforeSignInIsWorthlessAfterIt() {
        WebSession browser = new WebSession(server);
        Document loginPage = browser.page("/login.xhtml");
        String tokenBeforeLogin = loginPage.select("#login input[name=_csrf]").attr("value");
        browser.submit(loginPage, "login", Map.of("username", "admin", "password", LanyardServer.ADMIN_PASSWORD));
        Document dashboard = browser.page("/admin/");
        assertThat(browser.submit(dashboard, "logout-form", Map.of("_csrf", tokenBeforeLogin)).statusCode()).isEqualTo(403);
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        WebSession browser = new WebSession(server);
        HttpResponse<String> page = browser.get("/login.xhtml");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().allValues("Set-Cookie")).allSatisfy(c -> assertThat(c).contains("HttpOnly").contains("SameSite=Lax"));
    }

    private long timedFailedLogin(String username) {
        WebSession browser = new WebSession(server);
        Document loginPage = browser.page("/login.xhtml");
        long start = System.nanoTime();
        HttpResponse<String> response = browser.submit(loginPage, "login", Map.of("username", username, "password", "wrong-password"));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(401);
        return elapsed;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void accessKeysPageIsForSuperadminsAndRefusesBadInputAndFormsWithoutTheirCsrfToken() throws Exception {
        String name = "keys-admin-" + UUID.randomUUID().toString().substring(0, 8);
        database.createPasswordUser("default", name, "keys-admin-password-1", "ADMIN", "ENABLED");
        WebSession admin = new WebSession(server);
        assertThat(admin.login(name, "keys-admin-password-1").statusCode()).isEqualTo(302);
        assertThat(admin.page("/admin/").getElementById("access-keys-link")).as("no link for an admin").isNull();
        HttpResponse<String> refused = admin.get("/admin/access-keys.xhtml");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(SharedServer.BOOTSTRAP_KEY_ID).doesNotContain("new-key");

        WebSession superadmin = new WebSession(server);
        assertThat(superadmin.login("admin", LanyardServer.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        long keys = database.count("SELECT count(*) FROM access_keys WHERE domain_id = 'default'");
        Document page = superadmin.page("/admin/access-keys.xhtml");
        assertThat(superadmin.last().statusCode()).isEqualTo(200);
        assertThat(superadmin.last().headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));

        HttpResponse<String> tooLong = superadmin.submit(page, "create-form", Map.of("create-form:role", "admin",
                "create-form:description", "d".repeat(501)));
        assertThat(tooLong.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(tooLong.body()).select("#create-form .error").text()).contains("at most 500 characters");
        HttpResponse<String> badRole = superadmin.submit(superadmin.page("/admin/access-keys.xhtml"), "create-form",
                Map.of("create-form:role", "owner"));
        assertThat(badRole.body()).doesNotContain("new-key-secret");
        Map<String, String> withoutToken = new java.util.HashMap<>(Map.of("create-form:role", "admin"));
        withoutToken.put("_csrf", null);
        assertThat(superadmin.submit(superadmin.page("/admin/access-keys.xhtml"), "create-form", withoutToken).statusCode()).isEqualTo(403);
        assertThat(database.count("SELECT count(*) FROM access_keys WHERE domain_id = 'default'")).as("nothing created").isEqualTo(keys);

        HttpResponse<String> created = superadmin.submit(superadmin.page("/admin/access-keys.xhtml"), "create-form",
                Map.of("create-form:role", "admin", "create-form:description", "<script>alert(1)</script>"));
        assertThat(created.body()).contains("new-key-secret").doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
        String id = Jsoup.parse(created.body()).getElementById("new-key-id").text();
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE event_type = 'access_key.created' AND subject IS NOT NULL AND detail LIKE ?",
                "key " + id + "%")).isEqualTo(1);
        database.update("DELETE FROM access_keys WHERE access_key_id = ?", id);
    }
}
