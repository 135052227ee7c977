package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.AcsSigner;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.TestKeys;
import dev.lanyard.it.support.WebSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The upstream bridge: a domain whose users also need tokens at an upstream PDS-compatible service gets them from
 * Lanyard's token service, which signs a JWT-bearer assertion as the upstream's JWT app or calls the upstream's
 * get_access_token with an AccessKey pair. The upstream here is a second Lanyard domain (the default domain of the
 * same server), reached over HTTP like any upstream.
 */
@ExtendWith(SharedServer.class)
class BridgeIT {

    private static final String SECRET = "bridge-test-secret-0123456789";
    private static final String USER = "bridged-user";
    private static final String USER_PASSWORD = "bridged-user-password-1";
    private static final KeyPair BRIDGE_KEY = TestKeys.pair("RSA");
    private static final KeyPair WRONG_KEY = TestKeys.pair("RSA");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static String suffix;

    private final LanyardServer server;
    private final TestDatabase database;

    BridgeIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeAll
    static void upstreamAndDownstreams(LanyardServer server) throws Exception {
        suffix = UUID.randomUUID().toString().substring(0, 6);
        AcsSigner bootstrap = new AcsSigner(server, null, SharedServer.BOOTSTRAP_KEY_ID, SharedServer.BOOTSTRAP_KEY_SECRET);
        // the upstream: the default domain, with the bridge's JWT app, an AccessKey for it, and the same user
        String upstream = """
                {"domain_id": "default",
                 "apps": [{"app_id": "bridge-app-%s", "type": "JWT", "public_keys": [{"kid": "b1", "pem": %s}]}],
                 "users": [{"user_id": "%s", "nick_name": "Upstream Bea"}],
                 "access_keys": [{"id": "bridge-key-%s", "secret": "%s", "role": "admin"}]}
                """.formatted(suffix, quote(TestKeys.pem(BRIDGE_KEY.getPublic())), USER, suffix, SECRET);
        assertThat(bootstrap.post("/v2/domain/import", upstream, true).send().statusCode()).isEqualTo(200);
        String upstreamUrl = server.baseUrl();
        importDownstream(bootstrap, "bj" + suffix, "{\"base_url\": \"" + upstreamUrl + "\", \"domain_id\": \"default\", \"jwt\": "
                + "{\"app_id\": \"bridge-app-" + suffix + "\", \"kid\": \"b1\", \"private_key\": " + quote(privatePem(BRIDGE_KEY)) + "}}");
        importDownstream(bootstrap, "ba" + suffix, "{\"base_url\": \"" + upstreamUrl + "\", \"domain_id\": \"default\", \"access_key\": "
                + "{\"id\": \"bridge-key-" + suffix + "\", \"secret\": \"" + SECRET + "\"}}");
        importDownstream(bootstrap, "bw" + suffix, "{\"base_url\": \"" + upstreamUrl + "\", \"domain_id\": \"default\", \"jwt\": "
                + "{\"app_id\": \"bridge-app-" + suffix + "\", \"kid\": \"b1\", \"private_key\": " + quote(privatePem(WRONG_KEY)) + "}}");
        importDownstream(bootstrap, "bn" + suffix, null);
    }

    @Test
    void theTokenServiceSignsAnAssertionForTheUsersUpstreamToken() throws Exception {
        JsonObject upstream = ok(bridge("bj" + suffix));
        assertThat(upstream.getString("user_id")).isEqualTo(USER);
        assertUpstreamTokenWorks(upstream.getString("access_token"));
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.bridged' AND subject = 'jwt-bearer'",
                "bj" + suffix)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = 'default' AND event_type = 'token.on_behalf' "
                + "AND user_id = ? AND app_id = ?", USER, "bridge-app-" + suffix)).isGreaterThanOrEqualTo(1);

        // the user sees it on their account page, as an upstream token that their domain's token service got for them
        org.jsoup.nodes.Document account = WebSession.signedIn(server, "bj" + suffix, USER, USER_PASSWORD).page("/account/");
        assertThat(account.select("#on-behalf tbody tr").eachText())
                .anySatisfy(row -> assertThat(row).contains("jwt-bearer").contains("upstream token"));
    }

    @Test
    void orCallsTheUpstreamsGetAccessTokenWithAnAccessKeyPair() throws Exception {
        JsonObject upstream = ok(bridge("ba" + suffix));
        assertThat(upstream.getString("user_id")).isEqualTo(USER);
        assertUpstreamTokenWorks(upstream.getString("access_token"));
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = 'default' AND event_type = 'token.on_behalf' "
                + "AND user_id = ? AND subject = ?", USER, "accesskey:bridge-key-" + suffix)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusalsUpstreamAndMissingUpstreamsAreClearAndSecretsStayOut() throws Exception {
        HttpResponse<String> refused = bridge("bw" + suffix);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(502);
        assertThat(json(refused).getString("code")).isEqualTo("Upstream.Refused");
        assertThat(json(refused).getString("message")).contains("400").contains("invalid_grant");
        HttpResponse<String> none = bridge("bn" + suffix);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json(none).getString("code")).isEqualTo("NotFound.Upstream");
        HttpResponse<String> byServer = new AcsSigner(server, host("bj" + suffix), "ak-bj" + suffix, SECRET).post("/v2/bridge/token", "{}", true).send();
        assertThat(byServer.statusCode()).isEqualTo(403);

        String stored = database.string("SELECT settings FROM domain_upstreams WHERE domain_id = ?", "bj" + suffix);
        assertThat(stored).contains("sealed:").doesNotContain("PRIVATE KEY");
        assertThat(database.string("SELECT settings FROM domain_upstreams WHERE domain_id = ?", "ba" + suffix)).doesNotContain(SECRET);
        HttpResponse<String> export = new AcsSigner(server, host("bj" + suffix), "super-bj" + suffix, SECRET).post("/v2/domain/export", "", false).send();
        assertThat(export.body()).contains("\"upstream\"").contains("bridge-app-" + suffix).doesNotContain("private_key");
        assertThat(server.log()).doesNotContain("PRIVATE KEY").doesNotContain(SECRET);
    }

    // ---- helpers ----

    /** A downstream domain with the user, AccessKeys to get its token, and this upstream (none when null). */
    private static void importDownstream(AcsSigner bootstrap, String domain, String upstream) throws Exception {
        String file = "{\"domain_id\": \"" + domain + "\", \"user_systems\": {\"password\": {\"enabled\": true}},"
                + " \"users\": [{\"user_id\": \"" + USER + "\", \"nick_name\": \"Bea\", \"password\": \"" + USER_PASSWORD + "\"}],"
                + " \"access_keys\": [{\"id\": \"ak-" + domain + "\", \"secret\": \"" + SECRET + "\", \"role\": \"admin\"},"
                + " {\"id\": \"super-" + domain + "\", \"secret\": \"" + SECRET + "\", \"role\": \"superadmin\"}]"
                + (upstream == null ? "" : ", \"upstream\": " + upstream) + "}";
        HttpResponse<String> imported = bootstrap.post("/v2/domain/import", file, true).send();
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    }

    /** The signed-in user of the downstream domain asks for its upstream token. */
    private HttpResponse<String> bridge(String domain) throws Exception {
        HttpResponse<String> minted = new AcsSigner(server, host(domain), "ak-" + domain, SECRET)
                .post("/v2/user/get_access_token", "{\"user_id\": \"" + USER + "\"}", true).send();
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/bridge/token")).header("Host", host(domain))
                .header("Authorization", "Bearer " + json(minted).getString("access_token"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The upstream token acts as the user at the upstream (the default domain). */
    private void assertUpstreamTokenWorks(String token) throws Exception {
        HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/user/get"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me).getString("nick_name")).isEqualTo("Upstream Bea");
    }

    private String host(String domain) {
        return domain + SharedServer.HOST_SUFFIX + ":" + server.port();
    }

    private static String privatePem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
