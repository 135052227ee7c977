package dev.lanyard.usersystem.dingtalk;

import static dev.lanyard.config.JsonSupport.JSON;

import dev.lanyard.remote.RestClients;
import dev.lanyard.usersystem.federation.AuthorizeUrls;
import dev.lanyard.usersystem.federation.ConnectionCheck;
import dev.lanyard.usersystem.federation.ExternalIdentity;
import dev.lanyard.usersystem.federation.FederatedProvider;
import dev.lanyard.usersystem.federation.FederationException;
import dev.lanyard.usersystem.federation.FederationFailure;
import dev.lanyard.usersystem.federation.ProviderAnswers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.net.URI;

/**
 * DingTalk's web sign-in (OAuth 2.0 at login.dingtalk.com, API at api.dingtalk.com): the browser goes to the
 * authorize page with scope {@code openid} (plus {@code corpid} when the domain accepts one organisation only), comes
 * back with {@code authCode}, which is exchanged for a user access token; the profile read with it names the
 * person by {@code unionId}, the key of the identity.
 */
@ApplicationScoped
public class DingTalkProvider implements FederatedProvider<DingTalkSettings> {

    @Inject
    RestClients restClients;

    @Override
    public String userSystem() {
        return DingTalkSettings.USER_SYSTEM;
    }

    @Override
    public String codeParameter() {
        return "authCode";
    }

    /** The DingTalk app scans the code of DingTalk's sign-in URL. */
    @Override
    public boolean supportsScan() {
        return true;
    }

    @Override
    public DingTalkSettings parseSettings(JsonObject json) {
        return DingTalkSettings.parse(json);
    }

    @Override
    public URI authorizeUri(DingTalkSettings settings, String state, String tripSecret, URI redirectUri) {
        AuthorizeUrls uri = AuthorizeUrls.of(settings.authorizeUrl())
                .with("client_id", settings.appKey())
                .with("redirect_uri", redirectUri.toString())
                .with("response_type", "code")
                .with("scope", settings.corpId() == null ? "openid" : "openid corpid")
                .with("prompt", "consent")
                .with("state", state);
        if (settings.corpId() != null) {
            uri.with("corpId", settings.corpId());
        }
        return uri.build();
    }

    @Override
    public ExternalIdentity identify(DingTalkSettings settings, String code, URI redirectUri, String tripSecret) {
        // two calls, each bounded by half the budget: the thread is free again soon after the caller gave up
        DingTalkApi api = restClients.client(DingTalkApi.class, settings.apiBaseUrl(), settings.timeout().dividedBy(2),
                settings.timeout().dividedBy(2));
        String request = JSON.createObjectBuilder()
                .add("clientId", settings.appKey())
                .add("clientSecret", settings.appSecret())
                .add("code", code)
                .add("grantType", "authorization_code")
                .build().toString();
        JsonObject token = ProviderAnswers.body(api.userAccessToken(request), "DingTalk userAccessToken", "code");
        String accessToken = ProviderAnswers.text(token, "accessToken");
        if (accessToken == null) {
            throw new FederationException(FederationFailure.PROVIDER_ERROR, "DingTalk userAccessToken answered without accessToken");
        }
        if (settings.corpId() != null && !settings.corpId().equals(ProviderAnswers.text(token, "corpId"))) {
            throw new FederationException(FederationFailure.NOT_ALLOWED, "the user chose another DingTalk organisation than "
                    + settings.corpId());
        }
        JsonObject me = ProviderAnswers.body(api.me(accessToken), "DingTalk contact/users/me", "code");
        String unionId = ProviderAnswers.text(me, "unionId");
        if (unionId == null) {
            throw new FederationException(FederationFailure.IDENTITY_INCOMPLETE, "DingTalk's profile has no unionId");
        }
        return new ExternalIdentity(unionId, ProviderAnswers.text(me, "nick"), ProviderAnswers.text(me, "avatarUrl"));
    }

    /** DingTalk gives an app its own access token for its AppKey and AppSecret: the test of both. */
    @Override
    public ConnectionCheck checkConnection(DingTalkSettings settings, URI redirectUri) {
        DingTalkApi api = restClients.client(DingTalkApi.class, settings.apiBaseUrl(), settings.timeout(), settings.timeout());
        String request = JSON.createObjectBuilder()
                .add("appKey", settings.appKey())
                .add("appSecret", settings.appSecret())
                .build().toString();
        try {
            JsonObject token = ProviderAnswers.body(api.appAccessToken(request), "DingTalk accessToken", "code");
            return ProviderAnswers.text(token, "accessToken") == null
                    ? ConnectionCheck.refused("DingTalk accessToken answered without accessToken")
                    : ConnectionCheck.accepted("DingTalk accepted the AppKey and AppSecret");
        } catch (FederationException refused) {
            return ConnectionCheck.refused(refused.getMessage());
        }
    }
}
