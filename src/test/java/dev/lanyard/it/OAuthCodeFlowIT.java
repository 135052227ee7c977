package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole OAuth 2.0 / OpenID Connect story driven by Nimbus's oauth2-oidc-sdk, a client library not written here:
 * discovery, code flow with PKCE and password login, tokens checked against the JWKS, refresh with rotation,
 * userinfo, introspection, revocation, and a signing-key rotation in the middle of a run.
 */
@ExtendWith(SharedServer.class)
class OAuthCodeFlowIT {

    private final LanyardServer server;
    private final TestDatabase database;
    private final ClientID clientId = new ClientID("web-" + UUID.randomUUID().toString().substring(0, 8));
    private final Secret secret = new Secret("s3cret-" + UUID.randomUUID());
    private final URI redirectUri = URI.create("https://app.example/callback");
    private OIDCProviderMetadata metadata;

    OAuthCodeFlowIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeEach
    void registerAppAndDiscover() throws Exception {
        database.createApp("default", clientId.getValue(), "WEB_SERVER", secret.getValue(), List.of(redirectUri.toString()),
                List.of("all"), false);
        metadata = OIDCProviderMetadata.resolve(new Issuer(server.baseUrl()));
    }

    @Test
    void discoveryDescribesTheEndpoints() {
        assertThat(metadata.getIssuer().getValue()).isEqualTo(server.baseUrl());
        assertThat(metadata.getTokenEndpointURI()).isEqualTo(URI.create(server.baseUrl() + "/v2/oauth/token"));
        assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
        assertThat(metadata.getResponseTypes()).containsExactly(ResponseType.CODE);
        assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
    }

    @Test
    void codeFlowWithPkceRefreshUserinfoIntrospectionAndRevocation() throws Exception {
        Nonce nonce = new Nonce();
        OIDCTokenResponse tokens = signInAndExchange(nonce);

        // the ID token and the access token verify against the published keys
        new IDTokenValidator(metadata.getIssuer(), clientId, JWSAlgorithm.RS256, metadata.getJWKSetURI().toURL())
                .validate(tokens.getOIDCTokens().getIDToken(), nonce);
        JWTClaimsSet access = accessTokenProcessor(JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build())
                .process(tokens.getOIDCTokens().getAccessToken().getValue(), null);
        assertThat(access.getSubject()).isNotBlank();
        assertThat(access.getStringClaim("client_id")).isEqualTo(clientId.getValue());
        assertThat(access.getStringClaim("userId")).isEqualTo(access.getSubject());
        assertThat(access.getStringClaim("customJson")).contains("\"domainId\":\"default\"").contains("\"role\":\"superadmin\"");
        assertThat(tokens.getCustomParameters()).containsKeys("user_id", "expire_time", "role", "nick_name", "default_drive_id");
        assertThat(tokens.getOIDCTokens().getAccessToken().getLifetime()).isEqualTo(7200);

        // userinfo
        UserInfoResponse userInfo = UserInfoResponse.parse(new UserInfoRequest(metadata.getUserInfoEndpointURI(),
                (BearerAccessToken) tokens.getOIDCTokens().getAccessToken()).toHTTPRequest().send());
        assertThat(userInfo.indicatesSuccess()).isTrue();
        assertThat(userInfo.toSuccessResponse().getUserInfo().getSubject().getValue()).isEqualTo(access.getSubject());

        // refresh rotates the refresh token
        RefreshToken firstRefresh = tokens.getOIDCTokens().getRefreshToken();
        TokenResponse refreshed = refresh(firstRefresh);
        assertThat(refreshed.indicatesSuccess()).isTrue();
        RefreshToken secondRefresh = refreshed.toSuccessResponse().getTokens().getRefreshToken();
        assertThat(secondRefresh.getValue()).isNotEqualTo(firstRefresh.getValue());

        // introspection of both kinds of token
        assertThat(isActive(refreshed.toSuccessResponse().getTokens().getAccessToken().getValue())).isTrue();
        assertThat(isActive(secondRefresh.getValue())).isTrue();
        assertThat(isActive(firstRefresh.getValue())).as("a rotated refresh token").isFalse();

        // revocation of the access token, then of the refresh family
        String accessToken = refreshed.toSuccessResponse().getTokens().getAccessToken().getValue();
        assertThat(revoke(accessToken).getStatusCode()).isEqualTo(200);
        assertThat(isActive(accessToken)).isFalse();
        assertThat(revoke(secondRefresh.getValue()).getStatusCode()).isEqualTo(200);
        TokenResponse afterRevoke = refresh(secondRefresh);
        assertThat(afterRevoke.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) afterRevoke).getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamily() throws Exception {
        OIDCTokenResponse tokens = signInAndExchange(new Nonce());
        RefreshToken first = tokens.getOIDCTokens().getRefreshToken();
        TokenResponse second = refresh(first);
        RefreshToken newest = second.toSuccessResponse().getTokens().getRefreshToken();
        String newestAccess = second.toSuccessResponse().getTokens().getAccessToken().getValue();

        TokenResponse replay = refresh(first);
        assertThat(((TokenErrorResponse) replay).getErrorObject().getCode()).isEqualTo("invalid_grant");
        TokenResponse newestAfterReplay = refresh(newest);
        assertThat(newestAfterReplay.indicatesSuccess()).as("the newest token of the family is revoked too").isFalse();
        assertThat(isActive(newestAccess)).as("and the access tokens of the family").isFalse();
    }

    @Test
    void keyRotationDuringARunLosesNoRequest() throws Exception {
        OIDCTokenResponse tokens = signInAndExchange(new Nonce());
        // a resource server that caches the JWKS, as they do
        DefaultJWTProcessor<SecurityContext> resourceServer = accessTokenProcessor(
                JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build());
        String kidBefore = SignedJWT.parse(tokens.getOIDCTokens().getAccessToken().getValue()).getHeader().getKeyID();
        resourceServer.process(tokens.getOIDCTokens().getAccessToken().getValue(), null);

        WebSession admin = new WebSession(server);
        admin.login("admin", LanyardServer.ADMIN_PASSWORD);
        Set<String> kids = new HashSet<>();
        AtomicInteger failures = new AtomicInteger();
        RefreshToken refresh = tokens.getOIDCTokens().getRefreshToken();
        long end = System.currentTimeMillis() + 9_000;
        boolean rotated = false;
        List<String> problems = new ArrayList<>();
        while (System.currentTimeMillis() < end) {
            if (!rotated) {
                Document dashboard = admin.page("/admin/");
                assertThat(admin.submit(dashboard, "rotate-form", Map.of()).statusCode()).isEqualTo(302);
                rotated = true;
            }
            TokenResponse response = refresh(refresh);
            if (!response.indicatesSuccess()) {
                failures.incrementAndGet();
                problems.add(((TokenErrorResponse) response).getErrorObject().toString());
                break;
            }
            refresh = response.toSuccessResponse().getTokens().getRefreshToken();
            String token = response.toSuccessResponse().getTokens().getAccessToken().getValue();
            try {
                resourceServer.process(token, null);
                kids.add(SignedJWT.parse(token).getHeader().getKeyID());
            } catch (Exception e) {
                failures.incrementAndGet();
                problems.add(e.toString());
            }
            Thread.sleep(200);
        }
        assertThat(failures.get()).as("%s", problems).isZero();
        assertThat(kids).as("tokens signed before and after the new key took over").contains(kidBefore).hasSizeGreaterThan(1);
    }

    @Test
    void deniedConsentSendsAccessDeniedWithTheState() {
        WebSession browser = new WebSession(server);
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        Document consent = toConsentPage(browser, state, new Nonce(), verifier);
        HttpResponse<String> denied = browser.submit(consent, "consent", nullValued("allow", "deny", "Deny"));
        String location = denied.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?error=access_denied").contains("state=" + state.getValue())
                .contains("iss=" + java.net.URLEncoder.encode(server.baseUrl(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private OIDCTokenResponse signInAndExchange(Nonce nonce) throws Exception {
        WebSession browser = new WebSession(server);
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        Document consent = toConsentPage(browser, state, nonce, verifier);
        assertThat(consent.getElementById("consent-heading").text()).contains("App " + clientId.getValue());
        HttpResponse<String> allowed = browser.submit(consent, "consent", Map.of());
        assertThat(allowed.statusCode()).as(browser.describeLast()).isEqualTo(302);

        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(allowed.headers().firstValue("Location").orElseThrow()));
        assertThat(response.indicatesSuccess()).isTrue();
        AuthorizationSuccessResponse success = response.toSuccessResponse();
        assertThat(success.getState()).isEqualTo(state);
        assertThat(success.getIssuer()).isEqualTo(metadata.getIssuer());
        AuthorizationCode code = success.getAuthorizationCode();

        TokenRequest tokenRequest = new TokenRequest(metadata.getTokenEndpointURI(), new ClientSecretBasic(clientId, secret),
                new AuthorizationCodeGrant(code, redirectUri, verifier));
        TokenResponse tokenResponse = OIDCTokenResponseParser.parse(tokenRequest.toHTTPRequest().send());
        assertThat(tokenResponse.indicatesSuccess()).as("%s", tokenResponse).isTrue();
        return (OIDCTokenResponse) tokenResponse.toSuccessResponse();
    }

    /** Authorize → logon page → sign in → consent page, as a browser follows the redirects. */
    private Document toConsentPage(WebSession browser, State state, Nonce nonce, CodeVerifier verifier) {
        URI authorize = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "all"), clientId, redirectUri)
                .endpointURI(metadata.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
        HttpResponse<String> toConsent = browser.get(pathAndQuery(authorize));
        assertThat(toConsent.statusCode()).as(browser.describeLast()).isEqualTo(302);
        HttpResponse<String> toLogin = browser.get(pathAndQuery(URI.create(toConsent.headers().firstValue("Location").orElseThrow())));
        assertThat(toLogin.statusCode()).as(browser.describeLast()).isEqualTo(302);
        Document loginPage = browser.page(pathAndQuery(URI.create(toLogin.headers().firstValue("Location").orElseThrow())));
        HttpResponse<String> signedIn = browser.submit(loginPage, "login", Map.of("username", "admin", "password", LanyardServer.ADMIN_PASSWORD));
        assertThat(signedIn.statusCode()).as(browser.describeLast()).isEqualTo(302);
        return browser.page(pathAndQuery(URI.create(signedIn.headers().firstValue("Location").orElseThrow())));
    }

    private TokenResponse refresh(RefreshToken token) throws Exception {
        return OIDCTokenResponseParser.parse(new TokenRequest(metadata.getTokenEndpointURI(), new ClientSecretBasic(clientId, secret),
                new RefreshTokenGrant(token)).toHTTPRequest().send());
    }

    private boolean isActive(String token) throws Exception {
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), new ClientSecretBasic(clientId, secret), new BearerAccessToken(token))
                .toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as("introspection answers").isTrue();
        return response.toSuccessResponse().isActive();
    }

    private HTTPResponse revoke(String token) throws Exception {
        return new TokenRevocationRequest(metadata.getRevocationEndpointURI(), new ClientSecretBasic(clientId, secret),
                new BearerAccessToken(token)).toHTTPRequest().send();
    }

    private DefaultJWTProcessor<SecurityContext> accessTokenProcessor(JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(server.baseUrl()).build(), Set.of("sub", "exp", "iat", "jti", "client_id")));
        return processor;
    }

    static String pathAndQuery(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static Map<String, String> nullValued(String removed, String key, String value) {
        Map<String, String> map = new java.util.HashMap<>();
        map.put(removed, null);
        map.put(key, value);
        return map;
    }
}
