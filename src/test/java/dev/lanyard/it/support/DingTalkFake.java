package dev.lanyard.it.support;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake of DingTalk's web sign-in, as DingTalk documents it (open-dingtalk developerpedia, the v1.0 SDK models):
 * <ul>
 *   <li>{@code GET /oauth2/auth} (login.dingtalk.com): client_id, redirect_uri, response_type=code, scope with openid
 *       (and corpid), prompt=consent, state; the page stands in for DingTalk's; its links come back to redirect_uri
 *       with {@code authCode} and {@code state}, or {@code error} and {@code state}.</li>
 *   <li>{@code POST /v1.0/oauth2/userAccessToken} (api.dingtalk.com): JSON {clientId, clientSecret, code, grantType}
 *       answers {accessToken, refreshToken, expireIn, corpId (with scope corpid)}; errors are
 *       {@code {"code", "message", "requestid"}} with HTTP 400 (a used or unknown code is
 *       {@code invalidParameter.authCode.notFound}).</li>
 *   <li>{@code POST /v1.0/oauth2/accessToken}: JSON {appKey, appSecret} answers the app's own {accessToken, expireIn}
 *       (what Lanyard's "Test connection" asks); a wrong pair is HTTP 400 {@code invalidClientSecret}.</li>
 *   <li>{@code GET /v1.0/contact/users/me} with {@code x-acs-dingtalk-access-token}: nick, avatarUrl, mobile,
 *       stateCode, email, openId, unionId; a bad token is HTTP 400 {@code InvalidAuthentication}.</li>
 * </ul>
 */
public final class DingTalkFake extends OAuthProviderFake {

    public static final String NAME = "dingtalk-fake";

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> organisations = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    public void registerApp(String appKey, String appSecret) {
        secrets.put(appKey, appSecret);
    }

    /** The organisation (corpId) this person picks when an app asks for scope corpid. */
    public void memberOf(String login, String corpId) {
        organisations.put(login, corpId);
    }

    /** A person with a full profile. */
    public static Person person(String login, String unionId, String nick) {
        return new Person(login, Map.of("nick", nick, "unionId", unionId, "openId", "open-" + unionId,
                "avatarUrl", "https://static.dingtalk.example/" + login + ".png", "mobile", "13900139000", "stateCode", "86"));
    }

    @Override
    protected ResponseDefinition route(ServeEvent serveEvent, String path, Map<String, String> query) {
        return switch (path) {
            case "/oauth2/auth" -> authorize(query);
            case "/oauth2/approve" -> redirect(withQuery(query.get("redirect_uri"),
                    param("authCode", issueCode(query)) + "&" + param("state", query.getOrDefault("state", ""))));
            case "/oauth2/cancel" -> redirect(withQuery(query.get("redirect_uri"),
                    param("error", "access_denied") + "&" + param("state", query.getOrDefault("state", ""))));
            case "/v1.0/oauth2/userAccessToken" -> userAccessToken(serveEvent.getRequest().getBodyAsString());
            case "/v1.0/oauth2/accessToken" -> appAccessToken(serveEvent.getRequest().getBodyAsString());
            case "/v1.0/contact/users/me" -> me(serveEvent.getRequest().getHeader("x-acs-dingtalk-access-token"));
            default -> error(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
        };
    }

    private ResponseDefinition authorize(Map<String, String> query) {
        boolean valid = secrets.containsKey(query.getOrDefault("client_id", "")) && "code".equals(query.get("response_type"))
                && "consent".equals(query.get("prompt")) && query.getOrDefault("scope", "").contains("openid")
                && query.get("redirect_uri") != null;
        if (!valid) {
            return json(400, "{\"code\":\"invalidParameter\",\"message\":\"bad authorize request\"}", false);
        }
        return signInPage("DingTalk (fake)", "/oauth2/approve", "/oauth2/cancel", query);
    }

    private ResponseDefinition userAccessToken(String body) {
        if (tokenFailureStatus() != null) {
            return error(tokenFailureStatus(), "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
        }
        JsonObject request;
        try {
            request = Json.createReader(new StringReader(body)).readObject();
        } catch (RuntimeException e) {
            return error(400, "MissingBody", "body is mandatory for this action.");
        }
        String clientId = request.getString("clientId", "");
        if (!secrets.containsKey(clientId) || !secrets.get(clientId).equals(request.getString("clientSecret", ""))) {
            return error(400, "invalidClientSecret", "不合法的client_secret");
        }
        if (!"authorization_code".equals(request.getString("grantType", ""))) {
            return error(400, "invalidParameter.grantType.invalid", "grantType is invalid");
        }
        IssuedCode issued = redeem(request.getString("code", null));
        if (issued == null || !issued.clientId().equals(clientId)) {
            return error(400, "invalidParameter.authCode.notFound", "不合法的临时授权码");
        }
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("accessToken", newAccessToken(issued.person()))
                .add("refreshToken", "rt-" + java.util.UUID.randomUUID())
                .add("expireIn", 7200);
        String org = organisations.get(issued.person().login());
        if (issued.authorizeQuery().getOrDefault("scope", "").contains("corpid") && org != null) {
            answer.add("corpId", org);
        }
        return json(200, answer.build().toString(), true);
    }

    /** The app's own token for {appKey, appSecret}: {accessToken, expireIn}; a wrong pair is HTTP 400. */
    private ResponseDefinition appAccessToken(String body) {
        JsonObject request;
        try {
            request = Json.createReader(new StringReader(body)).readObject();
        } catch (RuntimeException e) {
            return error(400, "MissingBody", "body is mandatory for this action.");
        }
        String appKey = request.getString("appKey", "");
        if (!secrets.containsKey(appKey) || !secrets.get(appKey).equals(request.getString("appSecret", ""))) {
            return error(400, "invalidClientSecret", "不合法的appSecret");
        }
        return json(200, Json.createObjectBuilder().add("accessToken", "app-" + java.util.UUID.randomUUID()).add("expireIn", 7200)
                .build().toString(), true);
    }

    private ResponseDefinition me(String accessToken) {
        Person person = accessToken == null ? null : accessTokens.get(accessToken);
        if (person == null) {
            return error(400, "InvalidAuthentication", "不合法的access_token");
        }
        JsonObjectBuilder profile = Json.createObjectBuilder();
        person.profile().forEach(profile::add);
        return json(200, profile.build().toString(), false);
    }

    private ResponseDefinition error(int status, String code, String message) {
        return json(status, Json.createObjectBuilder().add("code", code).add("message", message).add("requestid", requestId())
                .build().toString(), true);
    }
}
