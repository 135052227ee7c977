package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.it.support.AcsSigner;
import dev.lanyard.it.support.CachingResourceServer;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.Locations;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Lanyard nodes on one database with no sticky sessions between them (each request of the API goes to the node the
 * test picks): SMS sign-in sent on one node and finished on the other, its send limit shared, a code used once across
 * both, refresh-token rotation and reuse detection across nodes, an authorization code issued on one node and
 * redeemed (once) on the other, an AccessKey-signed request that cannot be replayed on the other node, and signing-key
 * rotation under load watched by a resource server that caches the JWKS; and a browser whose every request goes to
 * the other node, through the whole code flow and through the logon page's mobile-number sign-in.
 */
class TwoNodesIT {

    private static final String DOMAIN = "two";
    private static final String KEY_ID = "two-nodes-key";
    private static final String KEY_SECRET = "two-nodes-key-secret-0123456789";
    private static final String ROOT_PASSWORD = "two-nodes-root-password-1";
    private static final String APP_SECRET = "two-nodes-app-secret-0123456789";
    private static final String REDIRECT = "https://two.example/cb";
    private static final String DOMAIN_KEY_ID = "two-domain-key";
    private static final String DOMAIN_KEY_SECRET = "two-domain-key-secret-0123456789";
    /** Short, so new keys take over while the test watches: published 6 s before they sign, nodes re-read keys every second. */
    private static final int PUBLISH_AHEAD_SECONDS = 6;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static TestDatabase database;
    private static LanyardServer nodeA;
    private static LanyardServer nodeB;

    @BeforeAll
    static void twoNodesOnOneDatabase() throws Exception {
        database = TestDatabase.fresh("two-nodes");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> shared = Map.of(
                // every node must share the master key (secrets sealed on one are opened on the other)
                "LANYARD_MASTER_KEY", Base64.getEncoder().encodeToString(key),
                "LANYARD_HOST_SUFFIX", SharedServer.HOST_SUFFIX,
                // one public URL, as behind the proxy: the same issuer on every node
                "LANYARD_PUBLIC_BASE_URL", "http://127.0.0.1:8443",
                "LANYARD_ADMIN_PASSWORD", ROOT_PASSWORD,
                "LANYARD_BOOTSTRAP_ACCESS_KEY_ID", KEY_ID,
                "LANYARD_BOOTSTRAP_ACCESS_KEY_SECRET", KEY_SECRET,
                "LANYARD_KEYS_PUBLISH_AHEAD_SECONDS", String.valueOf(PUBLISH_AHEAD_SECONDS),
                "LANYARD_KEYS_CACHE_SECONDS", "1",
                "LANYARD_PURGE_INTERVAL_SECONDS", "2");
        nodeA = LanyardServer.onTestDatabase("node-a", database, shared).start();
        nodeB = LanyardServer.onTestDatabase("node-b", database, shared).start();
        HttpResponse<String> imported = new AcsSigner(nodeA, null, KEY_ID, KEY_SECRET).post("/v2/domain/import", """
                {"domain_id": "%s", "name": "Two nodes",
                 "user_systems": {"password": {"enabled": true}, "mobile": {"enabled": true}},
                 "users": [{"user_id": "root", "role": "superadmin", "password": "%s"}],
                 "apps": [{"app_id": "two-app", "name": "Two", "type": "WebServer", "redirect_uris": ["%s"], "scopes": ["all"],
                           "client_secret": "%s"}],
                 "access_keys": [{"id": "%s", "secret": "%s", "role": "superadmin"}]}
                """.formatted(DOMAIN, ROOT_PASSWORD, REDIRECT, APP_SECRET, DOMAIN_KEY_ID, DOMAIN_KEY_SECRET), true).send();
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    }

    @AfterAll
    static void stopNodes() {
        for (LanyardServer node : new LanyardServer[] {nodeA, nodeB}) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void smsSignInRefreshRotationAndTheSendLimitActAsOnOneNode() throws Exception {
        String number = "13900139001";
        JsonObject sent = json(post(nodeA, "/v2/account/send_sms_code",
                "{\"app_id\": \"two-app\", \"phone_number\": \"" + number + "\", \"type\": \"login\"}"), 200);
        HttpResponse<String> again = post(nodeB, "/v2/account/send_sms_code",
                "{\"app_id\": \"two-app\", \"phone_number\": \"" + number + "\", \"type\": \"login\"}");
        assertThat(again.statusCode()).as("the other node knows the number was just sent a code").isEqualTo(429);

        String login = "{\"app_id\": \"two-app\", \"phone_number\": \"" + number + "\", \"sms_code_id\": \"" + sent.getString("sms_code_id")
                + "\", \"sms_code\": \"" + codeFromTheOutbox("+86" + number) + "\", \"auto_register\": true}";
        JsonObject tokens = json(post(nodeB, "/v2/account/login", login), 200);
        assertThat(post(nodeA, "/v2/account/login", login).statusCode()).as("a code works once, on any node").isEqualTo(400);

        String first = tokens.getString("refresh_token");
        JsonObject rotated = json(refresh(nodeA, first), 200);
        String second = rotated.getString("refresh_token");
        assertThat(second).isNotEqualTo(first);
        assertThat(refresh(nodeB, first).statusCode()).as("the rotated-out token is refused on the other node").isEqualTo(400);
        assertThat(refresh(nodeA, second).statusCode()).as("and its reuse revoked the family everywhere").isEqualTo(400);
    }

    @Test
    void aCodeIssuedOnOneNodeIsRedeemedOnceOnTheOther() throws Exception {
        String verifier = "w".repeat(43);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        WebSession browser = new WebSession(nodeA, DOMAIN + SharedServer.HOST_SUFFIX);
        HttpResponse<String> toConsent = browser.get("/v2/oauth/authorize?response_type=code&client_id=two-app&scope=all&state=s"
                + "&code_challenge_method=S256&code_challenge=" + challenge + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));
        String consentPath = Locations.pathOf(toConsent.headers().firstValue("Location").orElseThrow());
        Document logon = browser.page(Locations.pathOf(browser.get(consentPath).headers().firstValue("Location").orElseThrow()));
        assertThat(browser.submit(logon, "login", Map.of("username", "root", "password", ROOT_PASSWORD)).statusCode()).isEqualTo(302);
        HttpResponse<String> allowed = browser.submit(browser.page(consentPath), "consent", Map.of());
        String code = Locations.queryParameter(allowed.headers().firstValue("Location").orElseThrow(), "code");

        String exchange = "grant_type=authorization_code&client_id=two-app&client_secret=" + APP_SECRET + "&code=" + code
                + "&code_verifier=" + verifier + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
        JsonObject tokens = json(form(nodeB, "/v2/oauth/token", exchange), 200);
        String accessToken = tokens.getString("access_token");
        assertThat(userinfo(nodeA, accessToken).statusCode()).as("node B's access token is good on node A").isEqualTo(200);

        assertThat(form(nodeA, "/v2/oauth/token", exchange).statusCode()).as("the code was used on the other node").isEqualTo(400);
        assertThat(userinfo(nodeB, accessToken).statusCode()).as("a replayed code revokes what it gave, on every node").isEqualTo(401);
    }

    /**
     * A browser behind a balancer with no affinity at all: every request goes to the other node. The authorization
     * request made on one node is shown on the logon page of the other, the sign-in posted there is known to the first,
     * the consent page rendered by one is posted to the other (its CSRF token and its stateless form hold on both), and
     * the code is redeemed. Signing out on one node signs the browser out on both.
     */
    @Test
    void theCodeFlowInABrowserWorksWhenEveryRequestGoesToTheOtherNode() throws Exception {
        String verifier = "v".repeat(43);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        WebSession browser = WebSession.alternating(List.of(nodeA, nodeB), DOMAIN + SharedServer.HOST_SUFFIX);
        HttpResponse<String> toConsent = browser.get("/v2/oauth/authorize?response_type=code&client_id=two-app&scope=all&state=alt"
                + "&code_challenge_method=S256&code_challenge=" + challenge + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));
        assertThat(toConsent.statusCode()).as(browser.describeLast()).isEqualTo(302);
        LanyardServer authorizedOn = browser.lastNode();
        String consentPath = Locations.pathOf(toConsent.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> toLogon = browser.get(consentPath);
        assertThat(toLogon.statusCode()).as(browser.describeLast()).isEqualTo(302);
        String logonPath = Locations.pathOf(toLogon.headers().firstValue("Location").orElseThrow());
        browser.page(logonPath); // on the node that took the authorization request: the next page comes from the other one
        Document logon = browser.page(logonPath);
        assertThat(browser.lastNode()).isNotSameAs(authorizedOn);
        assertThat(logon.getElementById("login-app")).as("the other node shows the app of the request the first one took").isNotNull();
        assertThat(logon.getElementById("login-app").text()).contains("Two");

        HttpResponse<String> signedIn = browser.submit(logon, "login", Map.of("username", "root", "password", ROOT_PASSWORD));
        assertThat(signedIn.statusCode()).as(browser.describeLast()).isEqualTo(302);
        LanyardServer signedInOn = browser.lastNode();
        Document consent = browser.page(consentPath);
        assertThat(browser.lastNode()).as("the consent page comes from the node that did not sign the browser in").isNotSameAs(signedInOn);
        assertThat(consent.getElementById("consent")).as(browser.describeLast()).isNotNull();
        HttpResponse<String> allowed = browser.submit(consent, "consent", Map.of());
        assertThat(allowed.statusCode()).as(browser.describeLast()).isEqualTo(302);
        String location = allowed.headers().firstValue("Location").orElseThrow();
        assertThat(Locations.queryParameter(location, "state")).isEqualTo("alt");
        String code = Locations.queryParameter(location, "code");

        String exchange = "grant_type=authorization_code&client_id=two-app&client_secret=" + APP_SECRET + "&code=" + code
                + "&code_verifier=" + verifier + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
        assertThat(json(form(nodeA, "/v2/oauth/token", exchange), 200).getString("access_token")).isNotBlank();
        assertThat(browser.submit(consent, "consent", Map.of()).statusCode()).as("the request was used up on the other node")
                .isNotEqualTo(302);

        Document home = browser.page("/login.xhtml");
        assertThat(home.getElementById("signed-in")).as(browser.describeLast()).isNotNull();
        assertThat(browser.submit(home, "logout-form", Map.of()).statusCode()).as(browser.describeLast()).isEqualTo(302);
        LanyardServer signedOutOn = browser.lastNode();
        Document after = browser.page("/login.xhtml");
        assertThat(browser.lastNode()).isNotSameAs(signedOutOn);
        assertThat(after.getElementById("signed-in")).as("signed out on the other node too").isNull();
        assertThat(browser.get(consentPath).statusCode()).as("a protected page sends the browser to sign in again").isEqualTo(302);
    }

    /**
     * The logon page's mobile-number form with no affinity: the code is sent through one node, the sign-in with it is
     * posted to the other, and the browser is then signed in on both.
     */
    @Test
    void theLogonPagesMobileSignInWorksWhenEveryRequestGoesToTheOtherNode() throws Exception {
        String number = "13900139002";
        WebSession browser = WebSession.alternating(List.of(nodeA, nodeB), DOMAIN + SharedServer.HOST_SUFFIX);
        Document logon = browser.page("/login.xhtml");
        HttpResponse<String> sent = browser.submit(logon, "mobile-login", Map.of("mobile-region", "86", "mobile-phone", number));
        assertThat(sent.statusCode()).as(browser.describeLast()).isEqualTo(200);
        Document withChallenge = org.jsoup.Jsoup.parse(sent.body(), browser.lastNode().baseUrl() + "/login.xhtml");
        assertThat(withChallenge.select("#mobile-login input[name=challenge]").val()).as(sent.body()).isNotBlank();

        Map<String, String> signIn = new java.util.HashMap<>();
        signIn.put("mobile-region", "86");
        signIn.put("mobile-phone", number);
        signIn.put("mobile-code", codeFromTheOutbox("+86" + number));
        signIn.put("mobile-send", null);
        signIn.put("mobile-submit", withChallenge.getElementById("mobile-submit").val());
        HttpResponse<String> signedIn = browser.submit(withChallenge, "mobile-login", signIn);
        assertThat(signedIn.statusCode()).as(browser.describeLast()).isEqualTo(302);
        LanyardServer signedInOn = browser.lastNode();
        Document home = browser.page("/login.xhtml");
        assertThat(browser.lastNode()).isNotSameAs(signedInOn);
        assertThat(home.getElementById("signed-in")).as(browser.describeLast()).isNotNull();
    }

    @Test
    void anAccessKeySignedRequestCannotBeReplayedOnTheOtherNode() throws Exception {
        // the bootstrap key belongs to the default domain: no Host of another domain
        AcsSigner.Signed signed = new AcsSigner(nodeA, null, KEY_ID, KEY_SECRET)
                .post("/v2/domain/get", "{}", true);
        assertThat(signed.send().statusCode()).isEqualTo(200);
        HttpRequest.Builder replay = HttpRequest.newBuilder(nodeB.uri(signed.path)).POST(HttpRequest.BodyPublishers.ofString(signed.body));
        signed.headers.forEach(replay::header);
        HttpResponse<String> replayed = HTTP.send(replay.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(401);
    }

    /**
     * Four clients mint tokens as fast as they can, alternating between the nodes, and hand each to a resource server
     * that caches the JWKS as long as Lanyard's Cache-Control allows (fetching it from either node) and never re-fetches
     * for an unknown kid. The domain's superadmin rotates the key three times meanwhile, on both nodes; every new key
     * takes over under load. Not one token may fail verification, and all four keys must have signed some.
     */
    @Test
    void rotatingTheSigningKeyUnderLoadFailsNoVerificationAtAResourceServerThatCachesTheJwks() throws Exception {
        AtomicInteger jwksTurn = new AtomicInteger();
        CachingResourceServer resourceServer = new CachingResourceServer(() -> {
            LanyardServer node = jwksTurn.getAndIncrement() % 2 == 0 ? nodeA : nodeB;
            return HttpRequest.newBuilder(node.uri("/v2/oauth/jwks")).header("Host", host(node)).GET().build();
        });
        AtomicBoolean loading = new AtomicBoolean(true);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        Set<String> signingKids = ConcurrentHashMap.newKeySet();
        AtomicInteger verified = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            load.add(clients.submit(() -> {
                for (int i = 0; loading.get() && failures.size() < 20; i++) {
                    LanyardServer node = i % 2 == 0 ? nodeA : nodeB;
                    HttpResponse<String> minted = new AcsSigner(node, host(node), DOMAIN_KEY_ID, DOMAIN_KEY_SECRET)
                            .post("/v2/user/get_access_token", "{\"user_id\": \"root\"}", true).send();
                    if (minted.statusCode() != 200) {
                        failures.add("get_access_token answered " + minted.statusCode() + ": " + minted.body());
                        continue;
                    }
                    String token = Json.createReader(new StringReader(minted.body())).readObject().getString("access_token");
                    String problem = resourceServer.problemWith(token);
                    if (problem == null) {
                        verified.incrementAndGet();
                        signingKids.add(SignedJWT.parse(token).getHeader().getKeyID());
                    } else {
                        failures.add(problem);
                    }
                }
                return null;
            }));
        }
        try {
            WebSession[] superadmins = {WebSession.signedIn(nodeA, DOMAIN, "root", ROOT_PASSWORD),
                    WebSession.signedIn(nodeB, DOMAIN, "root", ROOT_PASSWORD)};
            for (int rotation = 0; rotation < 3; rotation++) {
                Thread.sleep(2_000);
                WebSession superadmin = superadmins[rotation % 2];
                HttpResponse<String> rotated = superadmin.submit(superadmin.page("/admin/"), "rotate-form", Map.of());
                assertThat(rotated.statusCode()).as(superadmin.describeLast()).isEqualTo(302);
                Thread.sleep((PUBLISH_AHEAD_SECONDS + 1) * 1_000L); // the new key takes over and signs under load
            }
        } finally {
            loading.set(false);
            clients.shutdown();
        }
        for (Future<?> client : load) {
            client.get(60, TimeUnit.SECONDS);
        }
        assertThat(failures).as("verification failures and refusals under rotation").isEmpty();
        assertThat(signingKids).as("the first key and each of the three that took over signed tokens").hasSize(4);
        assertThat(verified.get()).isGreaterThan(100);
        assertThat(resourceServer.fetches()).as("the resource server did cache").isLessThan(verified.get() / 4);
    }

    private static String host(LanyardServer node) {
        return DOMAIN + SharedServer.HOST_SUFFIX + ":" + node.port();
    }

    /**
     * Both nodes purge every 2 s here: expired browser sessions and authorization requests, refresh families a day past
     * their expiry, and audit events past the retention (365 days) go; what is still current (or still named by live
     * access tokens) stays.
     */
    @Test
    void thePurgeDeletesWhatHasExpiredAndKeepsWhatIsCurrent() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String tag = Long.toHexString(System.nanoTime());
        for (boolean expired : new boolean[] {true, false}) {
            OffsetDateTime ends = expired ? now.minusMinutes(1) : now.plusHours(1);
            String id = (expired ? "gone-" : "kept-") + tag;
            database.update("INSERT INTO browser_sessions (session_hash, domain_id, user_id, method, signed_in_at, last_seen_at, expires_at)"
                    + " VALUES (?, ?, 'root', 'password', ?, ?, ?)", id, DOMAIN, now.minusHours(2), now.minusHours(2), ends);
            database.update("INSERT INTO pending_authorizations (request_id, browser_hash, domain_id, request_json, created_at, expires_at)"
                    + " VALUES (?, ?, ?, '{}', ?, ?)", id, "b".repeat(64), DOMAIN, now.minusHours(2), ends);
            database.update("INSERT INTO audit_events (id, domain_id, event_type, created_at) VALUES (?, ?, 'purge.test', ?)",
                    -System.nanoTime() - (expired ? 0 : 1), DOMAIN, expired ? now.minusDays(400) : now.minusDays(300));
            // a refresh family outlives its expiry by the longest access-token lifetime (a day): its tokens name it
            OffsetDateTime familyEnds = expired ? now.minusDays(2) : now.minusMinutes(1);
            database.update("INSERT INTO refresh_families (family_id, domain_id, app_id, user_id, scope, auth_time, created_at, expires_at)"
                    + " VALUES (?, ?, 'two-app', 'root', 'all', ?, ?, ?)", id, DOMAIN, now.minusDays(3), now.minusDays(3), familyEnds);
            database.update("INSERT INTO refresh_tokens (token_hash, family_id, created_at, idle_expires_at) VALUES (?, ?, ?, ?)",
                    id, id, now.minusDays(3), familyEnds);
        }
        String gone = "SELECT count(*) FROM browser_sessions WHERE session_hash = 'gone-" + tag + "'";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (database.count(gone) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(2_500); // one more pass, so every table of the pass that deleted the session is done too
        assertThat(database.count(gone)).as("an ended browser session").isZero();
        assertThat(database.count("SELECT count(*) FROM pending_authorizations WHERE request_id = 'gone-" + tag + "'")).isZero();
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = '" + DOMAIN + "' AND event_type = 'purge.test'"))
                .as("only the event within the retention is left").isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM browser_sessions WHERE session_hash = 'kept-" + tag + "'")).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM pending_authorizations WHERE request_id = 'kept-" + tag + "'")).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM refresh_families WHERE family_id = 'gone-" + tag + "'")).isZero();
        assertThat(database.count("SELECT count(*) FROM refresh_tokens WHERE family_id = 'gone-" + tag + "'")).isZero();
        assertThat(database.count("SELECT count(*) FROM refresh_families WHERE family_id = 'kept-" + tag + "'"))
                .as("expired a minute ago: its access tokens may still be valid").isEqualTo(1);
    }

    /** The domain's superadmin reads the newest code to this number on the outbox page (a browser session on node A). */
    private static String codeFromTheOutbox(String e164) {
        WebSession root = WebSession.signedIn(nodeA, DOMAIN, "root", ROOT_PASSWORD);
        Document outbox = root.page("/admin/sms-outbox.xhtml");
        String row = outbox.select("tr:has(.outbox-phone:containsOwn(" + e164 + ")) .outbox-text").first().text();
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(row);
        assertThat(code.find()).as(row).isTrue();
        return code.group(1);
    }

    private static HttpResponse<String> userinfo(LanyardServer node, String accessToken) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(node.uri("/v2/oauth/userinfo")).header("Host", DOMAIN + SharedServer.HOST_SUFFIX + ":" + node.port())
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> refresh(LanyardServer node, String refreshToken) throws Exception {
        return form(node, "/v2/oauth/token", "grant_type=refresh_token&client_id=two-app&client_secret=" + APP_SECRET
                + "&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(LanyardServer node, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(node.uri(path)).header("Host", DOMAIN + SharedServer.HOST_SUFFIX + ":" + node.port())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> form(LanyardServer node, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(node.uri(path)).header("Host", DOMAIN + SharedServer.HOST_SUFFIX + ":" + node.port())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
