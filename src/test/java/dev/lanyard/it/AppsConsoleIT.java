package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.TestKeys;
import dev.lanyard.it.support.WebSession;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's Applications tab on the real WAR, as plain form posts (the browser walk is in AdminBrowserIT): "Allow
 * Access" for BasicUI, apps of each type with their secret or generated private key shown once, JWT keys, and every
 * refusal of the issue (duplicate name or redirect URI, a fragment or relative URI, an invalid PEM, another domain's
 * app by id, a form without its CSRF token, an XSS payload as a name). Each test class has its own domain.
 */
@ExtendWith(SharedServer.class)
class AppsConsoleIT {

    private static final String ROOT_PASSWORD = "apps-root-password-1";
    private static final String ADMIN_PASSWORD = "apps-admin-password-1";
    private static String domain;
    private static String otherDomain;

    private final LanyardServer server;
    private final TestDatabase database;

    AppsConsoleIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeAll
    static void twoDomains(LanyardServer server) throws Exception {
        domain = "a" + UUID.randomUUID().toString().substring(0, 8);
        otherDomain = "b" + UUID.randomUUID().toString().substring(0, 8);
        for (String id : new String[] {domain, otherDomain}) {
            String file = """
                    {"domain_id": "%s", "name": "Apps %s",
                     "user_systems": {"password": {"enabled": true}},
                     "users": [{"user_id": "root", "nick_name": "Root", "role": "superadmin", "password": "%s"},
                               {"user_id": "boss", "nick_name": "Boss", "role": "admin", "password": "%s"}],
                     "apps": [{"app_id": "svc-%s", "name": "Service", "type": "JWT", "service_tokens": true}]}
                    """.formatted(id, id, ROOT_PASSWORD, ADMIN_PASSWORD, id);
            SharedServer.importDomain(server, file);
        }
    }

    @Test
    void allowAccessEnablesBasicUiAndDisallowTurnsItOffEachAudited() throws Exception {
        WebSession root = signedIn("root", ROOT_PASSWORD);
        Document apps = root.page("/admin/apps.xhtml");
        assertThat(root.last().statusCode()).as(root.describeLast()).isEqualTo(200);
        assertThat(root.last().headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(basicUiStatus()).isEqualTo("DISABLED");
        assertThat(rowOf(apps, "BasicUI").select("input[type=submit]").attr("value")).isEqualTo("Allow Access");

        HttpResponse<String> allowed = root.submit(apps, formIdOfRow(apps, "BasicUI"), Map.of());
        assertThat(allowed.statusCode()).as(root.describeLast()).isEqualTo(302);
        assertThat(basicUiStatus()).isEqualTo("ENABLED");
        Document after = root.page("/admin/apps.xhtml");
        assertThat(rowOf(after, "BasicUI").select(".app-status").text()).isEqualTo("enabled");
        assertThat(rowOf(after, "BasicUI").select("input[type=submit]").attr("value")).isEqualTo("Disallow");
        assertThat(auditCount("app.access_allowed", "BasicUI")).isEqualTo(1);

        root.submit(after, formIdOfRow(after, "BasicUI"), Map.of());
        assertThat(basicUiStatus()).isEqualTo("DISABLED");
        assertThat(auditCount("app.access_disallowed", "BasicUI")).isEqualTo(1);
        assertThat(root.page("/admin/app.xhtml?app=BasicUI").getElementById("delete-form")).as("BasicUI cannot be deleted").isNull();
    }

    @Test
    void aWebServerAppGetsItsSecretOnceAndANewOneOnRequest() throws Exception {
        WebSession root = signedIn("root", ROOT_PASSWORD);
        String name = "Portal " + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = create(root, name, "WebServer", "https://portal.example/cb\nhttp://127.0.0.1:9000/cb", false);
        Document answer = Jsoup.parse(created.body());
        assertThat(answer.getElementById("new-app-secret")).as(created.body()).isNotNull();
        String appId = answer.getElementById("new-app-id").text();
        String secret = answer.getElementById("new-app-secret").text();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(answer.getElementById("new-app-authorize").text())
                .contains("/v2/oauth/authorize?response_type=code&client_id=" + appId + "&redirect_uri=https%3A%2F%2Fportal.example%2Fcb");
        assertThat(database.string("SELECT secret_hash FROM apps WHERE domain_id = ? AND app_id = ?", domain, appId))
                .hasSize(64).isNotEqualTo(secret);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE detail LIKE ?", "%" + secret + "%")).isZero();
        assertThat(auditCount("app.created", appId)).isEqualTo(1);

        Document detail = root.page("/admin/app.xhtml?app=" + appId);
        assertThat(detail.getElementById("app-type").text()).isEqualTo("WebServer");
        assertThat(detail.body().text()).doesNotContain(secret);
        HttpResponse<String> regenerated = root.submit(detail, "secret-form", Map.of());
        String newSecret = Jsoup.parse(regenerated.body()).getElementById("new-app-secret").text();
        assertThat(newSecret).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(secret);
        assertThat(auditCount("app.secret_regenerated", appId)).isEqualTo(1);

        // the edit form: a lifetime out of range, then a valid change
        Document edit = root.page("/admin/app.xhtml?app=" + appId);
        HttpResponse<String> tooLong = root.submit(edit, "edit-form", Map.of("edit-form:name", name, "edit-form:redirects", "https://portal.example/cb",
                "edit-form:access-seconds", "999999"));
        assertThat(Jsoup.parse(tooLong.body()).select("#edit-form .error").text()).contains("An access token lives 60 to 86400 seconds.");
        HttpResponse<String> refreshTooShort = root.submit(edit, "edit-form", Map.of("edit-form:name", name,
                "edit-form:redirects", "https://portal.example/cb", "edit-form:refresh-seconds", "299"));
        assertThat(Jsoup.parse(refreshTooShort.body()).select("#edit-form .error").text()).contains("A refresh token lives 300 to 31536000 seconds.");
        assertThat(auditCount("app.updated", appId)).as("a refused form changes nothing").isZero();
        HttpResponse<String> saved = root.submit(edit, "edit-form", Map.of("edit-form:name", name + " renamed",
                "edit-form:redirects", "https://portal.example/cb", "edit-form:access-seconds", "600", "edit-form:refresh-seconds", "7200"));
        assertThat(saved.statusCode()).as(root.describeLast()).isEqualTo(302);
        assertThat(database.string("SELECT name FROM apps WHERE domain_id = ? AND app_id = ?", domain, appId)).isEqualTo(name + " renamed");
        assertThat(database.count("SELECT count(*) FROM apps WHERE domain_id = ? AND app_id = ? AND access_token_seconds = 600"
                + " AND refresh_token_seconds = 7200", domain, appId)).isEqualTo(1);
        assertThat(auditCount("app.updated", appId)).isEqualTo(1);

        Document toDelete = root.page("/admin/app.xhtml?app=" + appId);
        assertThat(toDelete.select("#delete-form input[type=submit]").attr("data-confirm")).as("asks first").isNotBlank();
        assertThat(root.submit(toDelete, "delete-form", Map.of()).statusCode()).isEqualTo(302);
        assertThat(database.count("SELECT count(*) FROM apps WHERE domain_id = ? AND app_id = ?", domain, appId)).isZero();
        assertThat(auditCount("app.deleted", appId)).isEqualTo(1);
    }

    @Test
    void aJwtAppWithAGeneratedPairShowsAPrivateKeyThatMatchesTheStoredPublicOne() throws Exception {
        WebSession root = signedIn("root", ROOT_PASSWORD);
        HttpResponse<String> created = create(root, "Billing " + UUID.randomUUID().toString().substring(0, 6), "JWT", "", true);
        Document answer = Jsoup.parse(created.body());
        assertThat(answer.getElementById("new-app-private-key")).as(created.body()).isNotNull();
        assertThat(answer.getElementById("new-app-secret")).isNull();
        String appId = answer.getElementById("new-app-id").text();
        String kid = answer.getElementById("new-app-kid").text();
        String privatePem = answer.getElementById("new-app-private-key").text();
        String storedPublic = database.string("SELECT k.pem FROM app_public_keys k JOIN apps a ON a.id = k.app_ref "
                + "WHERE a.domain_id = ? AND a.app_id = ? AND k.kid = ?", domain, appId, kid);
        assertThat(signsAndVerifies(privatePem, storedPublic)).as("the pair belongs together").isTrue();
        assertThat(database.count("SELECT count(*) FROM app_public_keys WHERE pem LIKE '%PRIVATE%'")).isZero();

        // upload a second key, refuse an invalid PEM, a taken kid and a hostile kid
        Document detail = root.page("/admin/app.xhtml?app=" + appId);
        Map<String, String> invalid = keyForm(null, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----");
        assertThat(Jsoup.parse(root.submit(detail, "key-form", invalid).body()).select("#key-form .error").text())
                .contains("Paste an RSA (2048 bits or more) or EC");
        assertThat(Jsoup.parse(root.submit(detail, "key-form", keyForm(kid, TestKeys.rsaPublicKeyPem())).body()).select("#key-form .error").text())
                .isEqualTo("This app has a key with this kid.");
        assertThat(Jsoup.parse(root.submit(detail, "key-form", keyForm("../../etc/passwd", TestKeys.rsaPublicKeyPem())).body())
                .select("#key-form .error").text()).startsWith("A kid is 1 to 64");
        assertThat(keyCount(appId)).isEqualTo(1);
        assertThat(root.submit(detail, "key-form", keyForm("second", TestKeys.pem(TestKeys.pair("EC").getPublic()))).statusCode()).isEqualTo(302);
        Document withTwo = root.page("/admin/app.xhtml?app=" + appId);
        assertThat(withTwo.select("#public-keys .kid").eachText()).containsExactlyInAnyOrder(kid, "second");
        assertThat(auditCount("app.created", appId)).isEqualTo(1);
        assertThat(auditCount("app.key_set", appId)).as("the generated key, then the uploaded one").isEqualTo(2);
        assertThat(withTwo.getElementById("authorize-example").text()).endsWith("/v2/oauth/token");

        // remove the generated key
        String removeForm = withTwo.select("#public-keys tr:has(code.kid:containsOwn(" + kid + ")) form").attr("id");
        assertThat(root.submit(withTwo, removeForm, Map.of()).statusCode()).isEqualTo(302);
        assertThat(keyCount(appId)).isEqualTo(1);
        assertThat(auditCount("app.key_removed", appId)).isEqualTo(1);
    }

    @Test
    void badNamesAndRedirectUrisGetAMessageNextToTheFieldAndCreateNothing() throws Exception {
        WebSession root = signedIn("root", ROOT_PASSWORD);
        String name = "Unique " + UUID.randomUUID().toString().substring(0, 6);
        assertThat(create(root, name, "WebBrowser", "https://spa.example/cb", false).body()).contains("new-app-id");
        long apps = appCount();

        assertThat(fieldError(create(root, name, "Native", "http://127.0.0.1/cb", false), "name")).isEqualTo("Another app of this domain has this name.");
        assertThat(fieldError(create(root, "Dup uri", "Native", "http://127.0.0.1/cb\nhttp://127.0.0.1/cb", false), "redirects"))
                .startsWith("Fix the redirect URIs: lists a URI twice");
        assertThat(fieldError(create(root, "Frag", "WebBrowser", "https://x.example/cb#t", false), "redirects")).contains("must not have a fragment");
        assertThat(fieldError(create(root, "Rel", "Native", "/cb", false), "redirects")).contains("must be absolute");
        assertThat(fieldError(create(root, "None", "WebServer", "", false), "redirects")).isEqualTo("This type of app needs at least one redirect URI.");
        assertThat(fieldError(create(root, "", "WebServer", "https://x.example/cb", false), "name")).isEqualTo("Enter a name.");
        assertThat(fieldError(create(root, "n".repeat(201), "WebServer", "https://x.example/cb", false), "name")).contains("at most 200");
        assertThat(appCount()).as("nothing created").isEqualTo(apps);

        // an edit to another app's name is refused too
        String other = Jsoup.parse(create(root, name + " two", "Native", "http://127.0.0.1/cb", false).body()).getElementById("new-app-id").text();
        Document edit = root.page("/admin/app.xhtml?app=" + other);
        HttpResponse<String> renamed = root.submit(edit, "edit-form", Map.of("edit-form:name", name, "edit-form:redirects", "http://127.0.0.1/cb"));
        assertThat(Jsoup.parse(renamed.body()).select("#edit-form .error").text()).isEqualTo("Another app of this domain has this name.");
        assertThat(database.string("SELECT name FROM apps WHERE domain_id = ? AND app_id = ?", domain, other)).isEqualTo(name + " two");
    }

    @Test
    void aScriptAsAnAppNameIsShownAsTextOnEveryPage() throws Exception {
        WebSession root = signedIn("root", ROOT_PASSWORD);
        String payload = "<img src=x onerror=alert(1)>" + UUID.randomUUID().toString().substring(0, 4);
        String appId = Jsoup.parse(create(root, payload, "Native", "http://127.0.0.1/cb", false).body()).getElementById("new-app-id").text();
        for (String path : new String[] {"/admin/apps.xhtml", "/admin/app.xhtml?app=" + appId, "/admin/"}) {
            Document page = root.page(path);
            assertThat(root.last().body()).as(path).doesNotContain("<img src=x").contains("&lt;img src=x");
            assertThat(page.select("img[src=x]")).as(path).isEmpty();
        }
    }

    @Test
    void anotherDomainsAppByIdIsForbiddenAndShowsNothing() throws Exception {
        String theirs = Jsoup.parse(create(signedIn("root", ROOT_PASSWORD, otherDomain), "Secret project", "Native", "http://127.0.0.1/cb", false)
                .body()).getElementById("new-app-id").text();
        WebSession boss = signedIn("boss", ADMIN_PASSWORD);
        for (String id : new String[] {theirs, "svc-" + otherDomain, "no-such-app", "x".repeat(300)}) {
            HttpResponse<String> page = boss.get("/admin/app.xhtml?app=" + id);
            assertThat(page.statusCode()).as(id).isEqualTo(403);
            assertThat(page.body()).doesNotContain("Secret project").doesNotContain("Service").doesNotContain("Exception");
        }
        assertThat(boss.page("/admin/apps.xhtml").select("#apps").text()).doesNotContain("Secret project");
    }

    @Test
    void aDisabledAppIsRefusedAtOnceAndWorksAgainWhenEnabled() throws Exception {
        WebSession root = signedIn("root", ROOT_PASSWORD);
        Document answer = Jsoup.parse(create(root, "Switched " + UUID.randomUUID().toString().substring(0, 6), "WebServer",
                "https://switched.example/cb", false).body());
        String appId = answer.getElementById("new-app-id").text();
        String secret = answer.getElementById("new-app-secret").text();
        assertThat(tokenWithABogusCode(appId, secret).statusCode()).as("enabled: the client is known, the code is not").isEqualTo(400);

        Document detail = root.page("/admin/app.xhtml?app=" + appId);
        assertThat(detail.select("#status-form input[type=submit]").attr("value")).isEqualTo("Disable");
        assertThat(detail.select("#status-form input[type=submit]").attr("data-confirm")).as("asks first").contains("Disable this app?");
        assertThat(root.submit(detail, "status-form", Map.of()).statusCode()).as(root.describeLast()).isEqualTo(302);
        assertThat(database.string("SELECT status FROM apps WHERE domain_id = ? AND app_id = ?", domain, appId)).isEqualTo("DISABLED");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'app.updated' AND app_id = ?"
                + " AND detail LIKE '%status disabled%'", domain, appId)).isEqualTo(1);
        HttpResponse<String> refused = tokenWithABogusCode(appId, secret);
        assertThat(refused.statusCode()).as("a disabled app's client is refused at once").isEqualTo(401);
        assertThat(refused.body()).contains("invalid_client");
        HttpResponse<String> authorize = new WebSession(server, domain + SharedServer.HOST_SUFFIX).get("/v2/oauth/authorize?response_type=code&client_id="
                + appId + "&redirect_uri=https%3A%2F%2Fswitched.example%2Fcb");
        assertThat(authorize.statusCode()).isEqualTo(400);
        assertThat(authorize.headers().firstValue("Location")).as("no redirect to the app").isEmpty();

        Document disabled = root.page("/admin/app.xhtml?app=" + appId);
        assertThat(disabled.select("#status-form input[type=submit]").attr("value")).isEqualTo("Enable");
        assertThat(disabled.select("#status-form input[type=submit]").hasAttr("data-confirm")).as("enabling asks nothing").isFalse();
        root.submit(disabled, "status-form", Map.of());
        assertThat(tokenWithABogusCode(appId, secret).statusCode()).isEqualTo(400);
    }

    @Test
    void aFormNamingAnotherDomainsAppChangesNothing() throws Exception {
        WebSession root = signedIn("root", ROOT_PASSWORD);
        String theirs = "svc-" + otherDomain;
        Document page = root.page("/admin/app.xhtml?app=svc-" + domain);
        for (String form : new String[] {"status-form", "delete-form"}) {
            HttpResponse<String> refused = root.submit(page, form, Map.of("app", theirs));
            assertThat(refused.statusCode()).as(form + ": " + root.describeLast()).isEqualTo(403);
            assertThat(refused.body()).doesNotContain("Service").doesNotContain("Exception");
        }
        assertThat(database.string("SELECT status FROM apps WHERE domain_id = ? AND app_id = ?", otherDomain, theirs)).isEqualTo("ENABLED");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE app_id = ?", theirs)).isZero();
    }

    private HttpResponse<String> tokenWithABogusCode(String appId, String secret) {
        return new WebSession(server, domain + SharedServer.HOST_SUFFIX).post("/v2/oauth/token", Map.of("grant_type", "authorization_code",
                "code", "no-such-code", "redirect_uri", "https://switched.example/cb", "client_id", appId, "client_secret", secret));
    }

    @Test
    void onlyASuperadminChangesAnAppAllowedServiceTokens() throws Exception {
        WebSession boss = signedIn("boss", ADMIN_PASSWORD);
        Document page = boss.page("/admin/app.xhtml?app=svc-" + domain);
        assertThat(boss.last().statusCode()).isEqualTo(200);
        assertThat(page.getElementById("key-form")).as("no key form for an admin").isNull();
        assertThat(page.getElementById("delete-form")).isNull();
        Document list = boss.page("/admin/apps.xhtml");
        HttpResponse<String> refused = boss.submit(list, formIdOfRow(list, "Service"), Map.of());
        assertThat(Jsoup.parse(refused.body()).select("#messages").text()).contains("only a superadmin changes it");
        assertThat(database.string("SELECT status FROM apps WHERE domain_id = ? AND app_id = ?", domain, "svc-" + domain)).isEqualTo("ENABLED");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        WebSession root = signedIn("root", ROOT_PASSWORD);
        long apps = appCount();
        Map<String, String> withoutToken = new HashMap<>(createFields("No token", "Native", "http://127.0.0.1/cb", false));
        withoutToken.put("_csrf", null);
        assertThat(root.submit(root.page("/admin/apps.xhtml"), "create-form", withoutToken).statusCode()).isEqualTo(403);
        Map<String, String> forged = new HashMap<>(createFields("Forged", "Native", "http://127.0.0.1/cb", false));
        forged.put("_csrf", "forged");
        assertThat(root.submit(root.page("/admin/apps.xhtml"), "create-form", forged).statusCode()).isEqualTo(403);
        Document list = root.page("/admin/apps.xhtml");
        Map<String, String> toggleWithoutToken = new HashMap<>();
        toggleWithoutToken.put("_csrf", null);
        assertThat(root.submit(list, formIdOfRow(list, "BasicUI"), toggleWithoutToken).statusCode()).isEqualTo(403);
        assertThat(appCount()).isEqualTo(apps);
        assertThat(basicUiStatus()).isEqualTo("DISABLED");
    }

    private WebSession signedIn(String user, String password) {
        return signedIn(user, password, domain);
    }

    private WebSession signedIn(String user, String password, String domainId) {
        return WebSession.signedIn(server, domainId, user, password);
    }

    @Test
    void scopesAndSignInMethodsAreSavedAndTheLogonPageOffersOnlyThoseMethods() throws Exception {
        String methodsDomain = "m" + UUID.randomUUID().toString().substring(0, 8);
        SharedServer.importDomain(server, """
                {"domain_id": "%s", "name": "Methods",
                 "user_systems": {"password": {"enabled": true}, "mobile": {"enabled": true}},
                 "users": [{"user_id": "root", "role": "superadmin", "password": "%s"}]}
                """.formatted(methodsDomain, ROOT_PASSWORD));
        WebSession root = signedIn("root", ROOT_PASSWORD, methodsDomain);
        Map<String, String> fields = createFields("Mobile only", "WebServer", "https://mobile-only.example/cb", false);
        fields.put("create-form:scopes", "  USER.GET   FILE.ALL ");
        fields.put("create-form:user-systems", "mobile");
        HttpResponse<String> created = root.submit(root.page("/admin/apps.xhtml"), "create-form", fields);
        String appId = Jsoup.parse(created.body()).getElementById("new-app-id").text();
        assertThat(database.string("SELECT scopes FROM apps WHERE domain_id = ? AND app_id = ?", methodsDomain, appId))
                .isEqualTo("USER.GET\nFILE.ALL");
        assertThat(database.string("SELECT user_systems FROM apps WHERE domain_id = ? AND app_id = ?", methodsDomain, appId)).isEqualTo("mobile");

        WebSession visitor = new WebSession(server, methodsDomain + SharedServer.HOST_SUFFIX);
        Document logon = followToPage(visitor, "/v2/oauth/authorize?response_type=code&client_id=" + appId
                + "&redirect_uri=https%3A%2F%2Fmobile-only.example%2Fcb&state=s1&code_challenge=" + "E".repeat(43) + "&code_challenge_method=S256");
        assertThat(logon.getElementById("mobile-login")).as(logon.outerHtml()).isNotNull();
        assertThat(logon.getElementById("login")).as("no password form for this app").isNull();

        // the edit form shows what is stored; a bad scope and a made-up method are refused, nothing changes
        Document edit = root.page("/admin/app.xhtml?app=" + appId);
        assertThat(edit.getElementById("edit-form:scopes").val()).isEqualTo("USER.GET FILE.ALL");
        assertThat(edit.select("input[name=edit-form:user-systems][checked]").eachAttr("value")).containsExactly("mobile");
        Map<String, String> badScope = new HashMap<>(Map.of("edit-form:name", "Mobile only", "edit-form:redirects", "https://mobile-only.example/cb",
                "edit-form:scopes", "USER.GET \"quoted\""));
        assertThat(Jsoup.parse(root.submit(edit, "edit-form", badScope).body()).getElementById("edit-form:scopes-message").text())
                .contains("Fix the scopes").contains("printable ASCII");
        Map<String, String> twice = new HashMap<>(badScope);
        twice.put("edit-form:scopes", "USER.GET USER.GET");
        assertThat(Jsoup.parse(root.submit(edit, "edit-form", twice).body()).getElementById("edit-form:scopes-message").text())
                .contains("twice");
        Map<String, String> madeUp = new HashMap<>(badScope);
        madeUp.put("edit-form:scopes", "all");
        madeUp.put("edit-form:user-systems", "telepathy");
        HttpResponse<String> refused = root.submit(edit, "edit-form", madeUp);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(refused.body()).getElementById("edit-form:user-systems-message").text()).isNotBlank();
        assertThat(database.string("SELECT scopes FROM apps WHERE domain_id = ? AND app_id = ?", methodsDomain, appId))
                .as("nothing of a refused form is stored").isEqualTo("USER.GET\nFILE.ALL");

        // no method ticked and no scope typed: every method the domain enables, scope all
        Map<String, String> open = new HashMap<>(badScope);
        open.put("edit-form:scopes", "");
        open.put("edit-form:user-systems", null); // untick mobile
        assertThat(root.submit(edit, "edit-form", open).statusCode()).as(root.describeLast()).isEqualTo(302);
        assertThat(database.string("SELECT scopes FROM apps WHERE domain_id = ? AND app_id = ?", methodsDomain, appId)).isEqualTo("all");
        assertThat(database.string("SELECT user_systems FROM apps WHERE domain_id = ? AND app_id = ?", methodsDomain, appId)).isNull();
    }

    /** GETs a path and follows the redirects on this server, as a browser does, to the page at the end. */
    private static Document followToPage(WebSession session, String path) {
        String next = path;
        for (int hop = 0; hop < 5; hop++) {
            HttpResponse<String> response = session.get(next);
            if (response.statusCode() != 302 && response.statusCode() != 303) {
                assertThat(response.statusCode()).as(session.describeLast()).isEqualTo(200);
                return Jsoup.parse(response.body(), response.uri().toString());
            }
            URI location = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            next = location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
        }
        throw new AssertionError("too many redirects from " + path);
    }

    private static Map<String, String> createFields(String name, String type, String redirects, boolean generateKey) {
        Map<String, String> fields = new HashMap<>(Map.of("create-form:name", name, "create-form:type", type, "create-form:redirects", redirects));
        fields.put("create-form:generate-key", generateKey ? "true" : null);
        fields.put("create-form:third-party", null);
        return fields;
    }

    private static HttpResponse<String> create(WebSession session, String name, String type, String redirects, boolean generateKey) {
        return session.submit(session.page("/admin/apps.xhtml"), "create-form", createFields(name, type, redirects, generateKey));
    }

    private static Map<String, String> keyForm(String kid, String pem) {
        Map<String, String> fields = new HashMap<>();
        fields.put("key-form:kid", kid == null ? "" : kid);
        fields.put("key-form:pem", pem);
        fields.put("key-form:generate", null);
        return fields;
    }

    private static String fieldError(HttpResponse<String> answer, String field) {
        assertThat(answer.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(answer.body());
        assertThat(page.getElementById("new-app-id")).as("nothing created").isNull();
        return page.select("#create-form .field:has([name=create-form:" + field + "]) .error").text();
    }

    private static org.jsoup.nodes.Element rowOf(Document page, String appName) {
        return page.select("#apps tbody tr:has(a.app-name:containsOwn(" + appName + "))").first();
    }

    private static String formIdOfRow(Document page, String appName) {
        return rowOf(page, appName).select("form").attr("id");
    }

    private String basicUiStatus() throws Exception {
        return database.string("SELECT status FROM apps WHERE domain_id = ? AND app_id = 'BasicUI'", domain);
    }

    private long auditCount(String event, String appId) throws Exception {
        return database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = ? AND app_id = ? AND subject IS NOT NULL",
                domain, event, appId);
    }

    private long appCount() throws Exception {
        return database.count("SELECT count(*) FROM apps WHERE domain_id = ?", domain);
    }

    private long keyCount(String appId) throws Exception {
        return database.count("SELECT count(*) FROM app_public_keys k JOIN apps a ON a.id = k.app_ref WHERE a.domain_id = ? AND a.app_id = ?",
                domain, appId);
    }

    private static boolean signsAndVerifies(String privatePem, String publicPem) throws Exception {
        PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(publicPem)));
        byte[] message = "lanyard".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
    }
}
