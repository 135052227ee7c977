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
        database.createApp("default", app, "WEB_SERVER", secret, List.of("https://api.example/cb"), List.of("all"), false);
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

    private void assertAccessTokenInvalid(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"AccessTokenInvalid\"").contains("\"request_id\"").doesNotContain("Exception");
    }

    private JsonObject tokens() {
        URI back = new OAuthBrowser(server).authorizeAndAllow(Map.of("client_id", app, "redirect_uri", "https://api.example/cb",
                "response_type", "code", "state", "s"));
        HttpResponse<String> response = new WebSession(server).post("/v2/oauth/token", Map.of("grant_type", "authorization_code",
                "code", OAuthBrowser.param(back, "code"), "redirect_uri", "https://api.example/cb", "client_id", app, "client_secret", secret));
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
