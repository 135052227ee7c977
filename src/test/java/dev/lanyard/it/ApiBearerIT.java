package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.OAuthBrowser;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The /v2 API takes bearer access tokens only: valid ones work, missing, revoked and foreign ones get AccessTokenInvalid. */
@ExtendWith(SharedServer.class)
class ApiBearerIT {

    private final LanyardServer server;
    private final TestDatabase database;
    private final String app = "api-" + UUID.randomUUID().toString().substring(0, 8);
    private final String secret = "secret-" + UUID.randomUUID();

    ApiBearerIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeEach
    void registerApp() throws Exception {
        database.createApp("default", app, "WEB_SERVER", secret, List.of("https://api.example/cb"), List.of("all"), true);
    }

    @Test
    void aThirdPartyAppsTokenCarriesItsUsersIdentityButNoAdministratorRights() throws Exception {
        String thirdParty = "third-" + UUID.randomUUID().toString().substring(0, 8);
        database.createApp("default", thirdParty, "WEB_SERVER", secret, List.of("https://api.example/cb"), List.of("all"), false);
        String token = tokens(thirdParty).getString("access_token");
        HttpResponse<String> me = userGet(token, "{}");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"role\":\"superadmin\"");
        String file = "{\"domain_id\":\"default\",\"users\":[{\"user_id\":\"planted-" + thirdParty + "\",\"role\":\"superadmin\"}]}";
        HttpResponse<String> refused = post("/v2/domain/import", token, file);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(post("/v2/user/list", token, "{}").statusCode()).isEqualTo(403);
        assertThat(database.count("SELECT count(*) FROM users WHERE user_id = ?", "planted-" + thirdParty)).isZero();
        // the same superadmin through a first-party app has its rights
        assertThat(post("/v2/user/list", tokens().getString("access_token"), "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void aTokensScopeLimitsWhichUserAndAccountCallsItMakes() throws Exception {
        // a first-party app registered for USER.GET and USER.UPDATE_INFO: its superadmin's token reads and renames, no more
        String narrow = "narrow-" + UUID.randomUUID().toString().substring(0, 8);
        database.createApp("default", narrow, "WEB_SERVER", secret, List.of("https://api.example/cb"),
                List.of("USER.GET", "USER.UPDATE_INFO"), true);
        JsonObject tokens = tokens(narrow);
        String token = tokens.getString("access_token");
        String me = tokens.getString("user_id");
        assertThat(userGet(token, "{}").statusCode()).isEqualTo(200);
        String nickName = database.string("SELECT nick_name FROM users WHERE domain_id = 'default' AND user_id = ?", me);
        HttpResponse<String> list = post("/v2/user/list", token, "{}");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(403);
        assertThat(list.body()).contains("ForbiddenNoPermission").contains("USER.LIST");
        HttpResponse<String> renamed = post("/v2/user/update", token, "{\"user_id\": \"" + me + "\", \"nick_name\": \"Narrow\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        String role = database.string("SELECT role FROM users WHERE domain_id = 'default' AND user_id = ?", me);
        HttpResponse<String> demote = post("/v2/user/update", token, "{\"user_id\": \"" + me + "\", \"nick_name\": \"X\", \"role\": \"user\"}");
        assertThat(demote.statusCode()).as(demote.body()).isEqualTo(403);
        assertThat(demote.body()).contains("USER.UPDATE_ROLE");
        assertThat(database.string("SELECT role FROM users WHERE domain_id = 'default' AND user_id = ?", me)).isEqualTo(role);
        assertThat(database.string("SELECT nick_name FROM users WHERE domain_id = 'default' AND user_id = ?", me))
                .as("nothing of a refused update is applied").isEqualTo("Narrow");
        assertThat(post("/v2/user/update", token, "{\"user_id\": \"" + me + "\", \"email\": \"a@example.com\"}").statusCode())
                .as("email needs USER.UPDATE").isEqualTo(403);
        assertThat(post("/v2/user/delete", token, "{\"user_id\": \"nobody\"}").statusCode()).isEqualTo(403);
        assertThat(post("/v2/account/get_link_info_by_user_id", token, "{\"user_id\": \"" + me + "\"}").statusCode())
                .as("ACCOUNT.ALL is not granted").isEqualTo(403);
        assertThat(post("/v2/user/update", token, "{\"user_id\": \"" + me + "\", \"nick_name\": \"" + nickName + "\"}")
                .statusCode()).isEqualTo(200);

        // the scope asked for at authorize narrows an app that may have everything; a family's ALL allows its members
        assertThat(userGet(tokens(app, "openid").getString("access_token"), "{}").statusCode()).as("openid alone").isEqualTo(403);
        String userAll = tokens(app, "USER.ALL").getString("access_token");
        assertThat(post("/v2/user/list", userAll, "{}").statusCode()).isEqualTo(200);
        assertThat(post("/v2/account/get_link_info_by_user_id", userAll, "{\"user_id\": \"" + me + "\"}").statusCode()).isEqualTo(403);
        String everything = tokens(app, "all").getString("access_token");
        assertThat(post("/v2/account/get_link_info_by_user_id", everything, "{\"user_id\": \"" + me + "\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void validTokenReadsTheCallerAndMissingOrRevokedTokensAreRefused() throws Exception {
        JsonObject tokens = tokens();
        HttpResponse<String> me = userGet(tokens.getString("access_token"), "{}");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonObject user = Json.createReader(new StringReader(me.body())).readObject();
        assertThat(user.getString("user_id")).isEqualTo(tokens.getString("user_id"));
        assertThat(user.getString("role")).isEqualTo("superadmin");

        assertAccessTokenInvalid(userGet(null, "{}"));
        assertAccessTokenInvalid(userGet("not-a-token", "{}"));

        new WebSession(server).post("/v2/oauth/revoke", Map.of("token", tokens.getString("access_token"),
                "client_id", app, "client_secret", secret));
        assertAccessTokenInvalid(userGet(tokens.getString("access_token"), "{}"));
    }

    @Test
    void aUserReadsOnlyItselfAndUnknownUsersAreNotFound() throws Exception {
        String token = tokens().getString("access_token");
        HttpResponse<String> missing = userGet(token, "{\"user_id\":\"no-such-user\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":\"NotFound.User\"").contains("request_id");
        assertThat(missing.headers().firstValue("x-ca-request-id")).isPresent();
    }

    @Test
    void domainImportOverTheApiIsAllOrNothingAndForSuperadminsOnly() throws Exception {
        String token = tokens().getString("access_token");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String bad = "{\"domain_id\":\"default\",\"apps\":[{\"app_id\":\"api-ok-" + suffix + "\",\"type\":\"Native\"},"
                + "{\"app_id\":\"api-bad-" + suffix + "\",\"type\":\"Mainframe\"}]}";
        HttpResponse<String> refused = post("/v2/domain/import", token, bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("InvalidParameter").contains("$.apps[1].type");
        assertThat(database.count("SELECT count(*) FROM apps WHERE app_id = ?", "api-ok-" + suffix)).as("nothing applied").isZero();

        String good = "{\"domain_id\":\"default\",\"apps\":[{\"app_id\":\"api-ok-" + suffix + "\",\"type\":\"Native\","
                + "\"redirect_uris\":[\"http://127.0.0.1:4000/cb\"]}]}";
        HttpResponse<String> applied = post("/v2/domain/import", token, good);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(applied.body()).contains("\"created\":1");
        assertThat(post("/v2/domain/import", token, good).body()).contains("\"created\":0").contains("\"updated\":0");

        String plainUser = "plain-" + suffix;
        database.createPasswordUser("default", plainUser, "plain-password-123", "USER", "ENABLED");
        URI back = new OAuthBrowser(server, plainUser, "plain-password-123").authorizeAndAllow(Map.of("client_id", app,
                "redirect_uri", "https://api.example/cb", "response_type", "code", "state", "s"));
        String userToken = Json.createReader(new StringReader(new WebSession(server).post("/v2/oauth/token", Map.of(
                "grant_type", "authorization_code", "code", OAuthBrowser.param(back, "code"), "redirect_uri", "https://api.example/cb",
                "client_id", app, "client_secret", secret)).body())).readObject().getString("access_token");
        HttpResponse<String> forbidden = post("/v2/domain/import", userToken, good);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("ForbiddenNoPermission");
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/v2/domain/export")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("no token").isEqualTo(401);
    }

    @Test
    void pruneDeletesOnlyFromTheListsTheFileOwns() throws Exception {
        String token = tokens().getString("access_token");
        String domain = "prune-" + UUID.randomUUID().toString().substring(0, 8);
        String both = "{\"domain_id\":\"" + domain + "\",\"apps\":[{\"app_id\":\"a\",\"type\":\"Native\"},{\"app_id\":\"b\",\"type\":\"Native\"}],"
                + "\"users\":[{\"user_id\":\"u1\"},{\"user_id\":\"u2\"}]}";
        assertThat(post("/v2/domain/import", token, both).statusCode()).isEqualTo(200);
        String onlyA = "{\"domain_id\":\"" + domain + "\",\"apps\":[{\"app_id\":\"a\",\"type\":\"Native\"}],"
                + "\"users\":[{\"user_id\":\"u1\"}]}";
        assertThat(post("/v2/domain/import", token, onlyA).body()).contains("\"deleted\":0");
        assertThat(database.count("SELECT count(*) FROM apps WHERE domain_id = ? AND built_in = FALSE", domain)).isEqualTo(2);
        String pruneApps = onlyA.replace("}]}", "}],\"prune\":{\"apps\":true}}");
        assertThat(post("/v2/domain/import", token, pruneApps).body()).contains("\"deleted\":1");
        assertThat(database.count("SELECT count(*) FROM apps WHERE domain_id = ? AND built_in = FALSE", domain)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM apps WHERE domain_id = ? AND app_id = 'BasicUI'", domain)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).as("users not pruned").isEqualTo(2);
    }

    @Test
    void providerSecretsInUserSystemSettingsAreSealedAtRestLeftOutOfExportsAndCheckedOnImport() throws Exception {
        String token = tokens().getString("access_token");
        String domain = "default"; // export covers the caller's domain; mobile stays disabled there for the other tests
        String secret = "aliyun-secret-" + UUID.randomUUID();
        String spec = "{\"domain_id\":\"" + domain + "\",\"user_systems\":{\"mobile\":{\"enabled\":false,\"settings\":{\"gateways\":[{\"type\":\"aliyun\","
                + "\"access_key_id\":\"LTAI5t\",\"access_key_secret\":\"" + secret + "\",\"sign_name\":\"Lanyard\",\"template_code\":\"SMS_1\"}]}}}}";
        HttpResponse<String> applied = post("/v2/domain/import", token, spec);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        String stored = database.string("SELECT settings FROM domain_user_systems WHERE domain_id = ? AND user_system = 'mobile'", domain);
        assertThat(stored).doesNotContain(secret).contains("sealed:v1:").contains("LTAI5t");
        assertThat(post("/v2/domain/import", token, spec).body()).as("same secret again").contains("\"updated\":0");

        HttpResponse<String> exported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/v2/domain/export"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(exported.body()).contains("LTAI5t");
        assertThat(exported.body()).doesNotContain(secret).doesNotContain("sealed:").doesNotContain("access_key_secret");

        HttpResponse<String> typo = post("/v2/domain/import", token, spec.replace("\"sign_name\"", "\"sign_nam\""));
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("$.user_systems.mobile.settings").contains("gateways[0].sign_nam: unknown field");
        HttpResponse<String> plainHttp = post("/v2/domain/import", token, spec.replace("\"type\":\"aliyun\",",
                "\"type\":\"aliyun\",\"endpoint\":\"http://dysmsapi.aliyuncs.com\","));
        assertThat(plainHttp.statusCode()).isEqualTo(400);
        assertThat(plainHttp.body()).contains("must be an https URL");
        assertThat(database.string("SELECT settings FROM domain_user_systems WHERE domain_id = ? AND user_system = 'mobile'", domain))
                .as("a refused import changes nothing").isEqualTo(stored);
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertAccessTokenInvalid(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"AccessTokenInvalid\"").contains("\"request_id\"").doesNotContain("Exception");
    }

    private JsonObject tokens() {
        return tokens(app);
    }

    /** The administrator's tokens from {@code clientId} (registered with this test's secret and redirect URI). */
    private JsonObject tokens(String clientId) {
        return tokens(clientId, null);
    }

    /** {@link #tokens(String)} asking for {@code scope} (null: the app's registered scopes). */
    private JsonObject tokens(String clientId, String scope) {
        Map<String, String> query = new java.util.HashMap<>(Map.of("client_id", clientId, "redirect_uri", "https://api.example/cb",
                "response_type", "code", "state", "s"));
        if (scope != null) {
            query.put("scope", scope);
        }
        URI back = new OAuthBrowser(server).authorizeAndAllow(query);
        HttpResponse<String> response = new WebSession(server).post("/v2/oauth/token", Map.of("grant_type", "authorization_code",
                "code", OAuthBrowser.param(back, "code"), "redirect_uri", "https://api.example/cb", "client_id", clientId, "client_secret", secret));
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private HttpResponse<String> userGet(String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/v2/user/get"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
