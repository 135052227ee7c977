package dev.lanyard.it.support;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake of Alibaba Cloud's OAuth 2.0 for web applications (RAM docs: "Web应用登录阿里云", "通过OIDC获取用户信息"):
 * <ul>
 *   <li>{@code GET /oauth2/v1/auth} (signin.aliyun.com): client_id, redirect_uri, response_type=code, scope, state,
 *       optional code_challenge (S256); its links come back with {@code code} and {@code state}.</li>
 *   <li>{@code POST /v1/token} (oauth.aliyun.com), a form: grant_type=authorization_code, code, client_id,
 *       client_secret, redirect_uri, code_verifier; answers access_token, token_type, expires_in, id_token; errors are
 *       {@code {"error", "error_description", "http_code", "request_id"}} (the shape Alibaba's own SDK reads).</li>
 *   <li>{@code GET /v1/userinfo} with a bearer token: sub, uid (the RAM user), aid (its account), upn, name;
 *       a bad token is HTTP 401 {@code invalid_token}.</li>
 * </ul>
 * A person's profile is what userinfo answers (so a test can leave out aid or uid).
 */
public final class AliyunOAuthFake extends OAuthProviderFake {

    public static final String NAME = "aliyun-oauth-fake";

    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    public void registerApp(String clientId, String clientSecret) {
        secrets.put(clientId, clientSecret);
    }

    /** A RAM user of account {@code accountId}. */
    public static Person ramUser(String login, String accountId, String ramUserId) {
        return new Person(login, Map.of("sub", "PPP" + ramUserId + "==", "uid", ramUserId, "aid", accountId,
                "upn", login + "@" + accountId + ".onaliyun.com", "name", login, "requestid", requestId()));
    }

    @Override
    protected ResponseDefinition route(ServeEvent serveEvent, String path, Map<String, String> query) {
        return switch (path) {
            case "/oauth2/v1/auth" -> authorize(query);
            case "/oauth2/v1/approve" -> redirect(withQuery(query.get("redirect_uri"),
                    param("code", issueCode(query)) + "&" + param("state", query.getOrDefault("state", ""))));
            case "/oauth2/v1/cancel" -> redirect(withQuery(query.get("redirect_uri"),
                    param("error", "access_denied") + "&" + param("state", query.getOrDefault("state", ""))));
            case "/v1/token" -> token(FormData.decode(serveEvent.getRequest().getBodyAsString()));
            case "/v1/userinfo" -> userinfo(serveEvent.getRequest().getHeader("Authorization"));
            default -> error(404, "not_found", "no such endpoint");
        };
    }

    private ResponseDefinition authorize(Map<String, String> query) {
        boolean valid = secrets.containsKey(query.getOrDefault("client_id", "")) && "code".equals(query.get("response_type"))
                && query.get("redirect_uri") != null
                && (!query.containsKey("code_challenge") || "S256".equals(query.get("code_challenge_method")));
        if (!valid) {
            return json(400, "{\"error\":\"invalid_request\",\"error_description\":\"bad authorize request\"}", false);
        }
        return signInPage("Alibaba Cloud (fake)", "/oauth2/v1/approve", "/oauth2/v1/cancel", query);
    }

    private ResponseDefinition token(Map<String, String> form) {
        if (tokenFailureStatus() != null) {
            return error(tokenFailureStatus(), "server_error", "temporarily unavailable");
        }
        String clientId = form.getOrDefault("client_id", "");
        if (!secrets.containsKey(clientId) || !secrets.get(clientId).equals(form.get("client_secret"))) {
            return error(401, "invalid_client", "client authentication failed");
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "unsupported grant_type");
        }
        IssuedCode issued = redeem(form.get("code"));
        if (issued == null || !issued.clientId().equals(clientId) || !issued.redirectUri().equals(form.get("redirect_uri"))) {
            return error(400, "invalid_grant", "the code is invalid, expired or used");
        }
        String challenge = issued.authorizeQuery().get("code_challenge");
        if (challenge != null && !challenge.equals(s256(form.getOrDefault("code_verifier", "")))) {
            return error(400, "invalid_grant", "code_verifier does not match");
        }
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("access_token", newAccessToken(issued.person()))
                .add("token_type", "Bearer")
                .add("expires_in", 3600)
                .add("id_token", "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl");
        return json(200, answer.build().toString(), true);
    }

    private ResponseDefinition userinfo(String authorization) {
        Person person = authorization != null && authorization.startsWith("Bearer ")
                ? accessTokens.get(authorization.substring(7)) : null;
        if (person == null) {
            return error(401, "invalid_token", "the access token is invalid");
        }
        JsonObjectBuilder answer = Json.createObjectBuilder();
        person.profile().forEach(answer::add);
        return json(200, answer.build().toString(), false);
    }

    private ResponseDefinition error(int status, String error, String description) {
        return json(status, Json.createObjectBuilder().add("error", error).add("error_description", description)
                .add("http_code", status).add("request_id", requestId()).build().toString(), true);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
