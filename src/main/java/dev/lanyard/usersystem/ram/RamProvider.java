package dev.lanyard.usersystem.ram;

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
import jakarta.ws.rs.core.Form;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RAM users through Alibaba Cloud's OAuth 2.0 (signin.aliyun.com, oauth.aliyun.com): the authorization code flow
 * with scopes {@code openid aliuid profile}, then userinfo, which names the RAM user ({@code uid}) and the account
 * it belongs to ({@code aid}). Only accounts the domain lists may sign in; the identity is keyed "{aid}:{uid}", the
 * display name is the user's principal name ({@code upn}).
 *
 * <p>PKCE (S256): the trip's secret, which never leaves Lanyard, is the code_verifier; the browser only carries its
 * challenge.
 */
@ApplicationScoped
public class RamProvider implements FederatedProvider<RamSettings> {

    static final String SCOPES = "openid aliuid profile";

    @Inject
    RestClients restClients;

    @Override
    public String userSystem() {
        return RamSettings.USER_SYSTEM;
    }

    @Override
    public RamSettings parseSettings(JsonObject json) {
        return RamSettings.parse(json);
    }

    @Override
    public URI authorizeUri(RamSettings settings, String state, String tripSecret, URI redirectUri) {
        AuthorizeUrls uri = AuthorizeUrls.of(settings.authorizeUrl())
                .with("client_id", settings.clientId())
                .with("redirect_uri", redirectUri.toString())
                .with("response_type", "code")
                .with("scope", SCOPES)
                .with("access_type", "online")
                .with("state", state);
        if (settings.pkce()) {
            uri.with("code_challenge", challenge(tripSecret)).with("code_challenge_method", "S256");
        }
        return uri.build();
    }

    @Override
    public ExternalIdentity identify(RamSettings settings, String code, URI redirectUri, String tripSecret) {
        Form form = new Form()
                .param("grant_type", "authorization_code")
                .param("code", code)
                .param("client_id", settings.clientId())
                .param("client_secret", settings.clientSecret())
                .param("redirect_uri", redirectUri.toString());
        if (settings.pkce()) {
            form.param("code_verifier", tripSecret);
        }
        // two calls, each bounded by half the budget: the thread is free again soon after the caller gave up
        AliyunOAuthApi tokenEndpoint = restClients.client(AliyunOAuthApi.class, settings.tokenUrl(), settings.timeout().dividedBy(2),
                settings.timeout().dividedBy(2));
        JsonObject token = ProviderAnswers.body(tokenEndpoint.token(form), "Alibaba Cloud OAuth token", "error");
        String accessToken = ProviderAnswers.text(token, "access_token");
        if (accessToken == null) {
            throw new FederationException(FederationFailure.PROVIDER_ERROR, "Alibaba Cloud OAuth token answered without access_token");
        }
        AliyunOAuthApi userinfoEndpoint = restClients.client(AliyunOAuthApi.class, settings.userinfoUrl(), settings.timeout().dividedBy(2),
                settings.timeout().dividedBy(2));
        JsonObject user = ProviderAnswers.body(userinfoEndpoint.userinfo("Bearer " + accessToken), "Alibaba Cloud OAuth userinfo", "error");
        String accountId = ProviderAnswers.text(user, "aid");
        String ramUserId = ProviderAnswers.text(user, "uid");
        if (accountId == null || ramUserId == null) {
            throw new FederationException(FederationFailure.IDENTITY_INCOMPLETE, "userinfo has no aid or uid (is the aliuid scope granted?)");
        }
        if (!settings.allowedAccountIds().contains(accountId)) {
            throw new FederationException(FederationFailure.NOT_ALLOWED, "account " + accountId + " is not allowed in this domain");
        }
        String principalName = firstOf(ProviderAnswers.text(user, "upn"), ProviderAnswers.text(user, "login_name"),
                ProviderAnswers.text(user, "name"));
        return new ExternalIdentity(accountId + ":" + ramUserId, principalName, null);
    }

    /** RFC 7636 S256: BASE64URL(SHA-256(verifier)). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * Alibaba Cloud has no grant that proves a web app's credentials alone, so the test exchanges a code that cannot
     * exist: an OAuth server authenticates the client first (RFC 6749 5.2), so {@code invalid_grant} means the client
     * id and secret were accepted, {@code invalid_client} that they were not.
     */
    @Override
    public ConnectionCheck checkConnection(RamSettings settings, URI redirectUri) {
        Form form = new Form()
                .param("grant_type", "authorization_code")
                .param("code", "lanyard-connection-test-" + java.util.UUID.randomUUID())
                .param("client_id", settings.clientId())
                .param("client_secret", settings.clientSecret())
                .param("redirect_uri", redirectUri.toString());
        AliyunOAuthApi tokenEndpoint = restClients.client(AliyunOAuthApi.class, settings.tokenUrl(), settings.timeout(), settings.timeout());
        try (jakarta.ws.rs.core.Response answer = tokenEndpoint.token(form)) {
            String body = answer.hasEntity() ? answer.readEntity(String.class) : "";
            String error = errorOf(body);
            if ("invalid_grant".equals(error)) {
                return ConnectionCheck.accepted("Alibaba Cloud accepted the client_id and client_secret (the test code was refused, as it must be)");
            }
            if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
                return ConnectionCheck.refused("Alibaba Cloud refused the client_id or client_secret (" + error + ")");
            }
            return ConnectionCheck.refused("Alibaba Cloud OAuth token answered HTTP " + answer.getStatus()
                    + (error == null ? "" : " " + error.replaceAll("[^A-Za-z0-9_.:-]", "?")));
        }
    }

    /** The RFC 6749 {@code error} of a token endpoint's answer, or null. */
    private static String errorOf(String body) {
        if (body == null || body.isBlank() || body.length() > 64 * 1024) {
            return null;
        }
        try (var reader = dev.lanyard.config.JsonSupport.JSON.createReader(new java.io.StringReader(body))) {
            return reader.readValue() instanceof JsonObject json ? ProviderAnswers.text(json, "error") : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
