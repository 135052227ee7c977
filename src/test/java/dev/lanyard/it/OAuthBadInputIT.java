package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.OAuthBrowser;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every bad input of the OAuth issue, each answered with the right error and nothing issued. */
@ExtendWith(SharedServer.class)
class OAuthBadInputIT {

    private static final String REDIRECT = "https://app.example/cb";
    private static final String SPA_REDIRECT = "https://spa.example/cb";

    private final LanyardServer server;
    private final TestDatabase database;
    private final String web = "bad-web-" + UUID.randomUUID().toString().substring(0, 8);
    private final String other = "bad-other-" + UUID.randomUUID().toString().substring(0, 8);
    private final String spa = "bad-spa-" + UUID.randomUUID().toString().substring(0, 8);
    private final String secret = "secret-" + UUID.randomUUID();

    OAuthBadInputIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeEach
    void registerApps() throws Exception {
        database.createApp("default", web, "WEB_SERVER", secret, List.of(REDIRECT, "https://app.example/second"), List.of("all"), false);
        database.createApp("default", other, "WEB_SERVER", secret, List.of(REDIRECT), List.of("all"), false);
        database.createApp("default", spa, "WEB_BROWSER", null, List.of(SPA_REDIRECT), List.of("all"), false);
    }

    @Test
    void unknownClientOrUnregisteredRedirectGetsAnErrorPageNeverARedirect() {
        WebSession browser = new WebSession(server);
        for (String query : List.of(
                "client_id=nobody&redirect_uri=" + REDIRECT + "&response_type=code",
                "client_id=" + web + "&redirect_uri=https://evil.example/cb&response_type=code",
                "client_id=" + web + "&redirect_uri=" + REDIRECT + "/&response_type=code",
                "client_id=" + web + "&redirect_uri=https://app.example/CB&response_type=code",
                "client_id=" + web + "&redirect_uri=https://app.example:8443/cb&response_type=code",
                "client_id=" + web + "&redirect_uri=" + REDIRECT + "%3Fx%3D1&response_type=code",
                "client_id=" + web + "&response_type=code")) {
            HttpResponse<String> response = browser.get("/v2/oauth/authorize?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).as(query).isEmpty();
            assertThat(response.body()).contains("cannot be completed").doesNotContain("Exception");
        }
    }

    @Test
    void tokenResponseTypeAndPlainPkceAndMissingPkceGoBackAsErrors() {
        WebSession browser = new WebSession(server);
        assertRedirectError(browser.get("/v2/oauth/authorize?client_id=" + web + "&redirect_uri=" + REDIRECT + "&response_type=token&state=s1"),
                "unsupported_response_type", "s1");
        assertRedirectError(browser.get("/v2/oauth/authorize?client_id=" + spa + "&redirect_uri=" + SPA_REDIRECT + "&response_type=code&state=s2"),
                "invalid_request", "s2");
        assertRedirectError(browser.get("/v2/oauth/authorize?client_id=" + spa + "&redirect_uri=" + SPA_REDIRECT
                + "&response_type=code&state=s3&code_challenge=" + challenge(verifier()) + "&code_challenge_method=plain"), "invalid_request", "s3");
        assertRedirectError(browser.get("/v2/oauth/authorize?client_id=" + spa + "&redirect_uri=" + SPA_REDIRECT
                + "&response_type=code&state=s4&code_challenge=not*base64url&code_challenge_method=S256"), "invalid_request", "s4");
    }

    @Test
    void oversizedStateIsA400WithoutStackTrace() {
        HttpResponse<String> response = new WebSession(server).get("/v2/oauth/authorize?client_id=" + web + "&redirect_uri=" + REDIRECT
                + "&response_type=code&state=" + "x".repeat(10_240));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void unsupportedGrantTypeAndMissingParameters() {
        JsonObject password = token(Map.of("grant_type", "password", "username", "admin", "password", "x"), web, secret);
        assertThat(password.getString("error")).isEqualTo("unsupported_grant_type");
        JsonObject noGrant = token(Map.of("code", "x"), web, secret);
        assertThat(noGrant.getString("error")).isEqualTo("invalid_request");
        JsonObject wrongSecret = token(Map.of("grant_type", "authorization_code", "code", "x", "redirect_uri", REDIRECT), web, "wrong");
        assertThat(wrongSecret.getString("error")).isEqualTo("invalid_client");
    }

    @Test
    void wrongVerifierBurnsTheCode() {
        String verifier = verifier();
        String code = codeFor(spa, SPA_REDIRECT, challenge(verifier));
        assertThat(token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", SPA_REDIRECT,
                "client_id", spa, "code_verifier", verifier()), null, null).getString("error")).isEqualTo("invalid_grant");
        assertThat(token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", SPA_REDIRECT,
                "client_id", spa, "code_verifier", verifier), null, null).getString("error")).as("burnt").isEqualTo("invalid_grant");
    }

    @Test
    void malformedVerifierAndVerifierWithoutChallengeAreInvalidGrant() {
        String code = codeFor(spa, SPA_REDIRECT, challenge(verifier()));
        HttpResponse<String> malformed = tokenResponse(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", SPA_REDIRECT,
                "client_id", spa, "code_verifier", "###not-base64url###"), null, null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("invalid_grant").doesNotContain("Exception");

        String plainCode = codeFor(web, REDIRECT, null);
        assertThat(token(Map.of("grant_type", "authorization_code", "code", plainCode, "redirect_uri", REDIRECT,
                "code_verifier", verifier()), web, secret).getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void codeReusedAtOnceAndAfterThirtySecondsFailsAndRevokesTheFirstTokens() throws Exception {
        String code = codeFor(web, REDIRECT, null);
        JsonObject first = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT), web, secret);
        assertThat(first.containsKey("access_token")).as(first.toString()).isTrue();
        assertThat(token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT), web, secret)
                .getString("error")).isEqualTo("invalid_grant");
        assertThat(introspect(first.getString("access_token")).getBoolean("active")).as("first tokens revoked").isFalse();
        assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", first.getString("refresh_token")), web, secret)
                .getString("error")).isEqualTo("invalid_grant");
        Thread.sleep(30_000);
        assertThat(token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT), web, secret)
                .getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void codeOfAnotherAppOrRedirectOrExpiredIsInvalidGrant() throws Exception {
        String forOther = codeFor(web, REDIRECT, null);
        assertThat(token(Map.of("grant_type", "authorization_code", "code", forOther, "redirect_uri", REDIRECT), other, secret)
                .getString("error")).isEqualTo("invalid_grant");

        String wrongRedirect = codeFor(web, REDIRECT, null);
        assertThat(token(Map.of("grant_type", "authorization_code", "code", wrongRedirect, "redirect_uri", "https://app.example/second"), web, secret)
                .getString("error")).isEqualTo("invalid_grant");

        String expired = codeFor(web, REDIRECT, null);
        database.update("UPDATE authorization_codes SET expires_at = ? WHERE code_hash = ?",
                OffsetDateTime.now().minusMinutes(1), dev.lanyard.token.OpaqueSecrets.sha256Hex(expired));
        assertThat(token(Map.of("grant_type", "authorization_code", "code", expired, "redirect_uri", REDIRECT), web, secret)
                .getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void parallelRedemptionsOfOneCodeLetExactlyOneSucceed() throws Exception {
        String code = codeFor(web, REDIRECT, null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> tokenResponse(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT), web, secret).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses.stream().filter(s -> s == 200).count()).as("%s", statuses).isEqualTo(1);
            assertThat(statuses.stream().filter(s -> s == 400).count()).isEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelUsesOfOneRefreshTokenLetOneWinAndRevokeTheFamily() throws Exception {
        String code = codeFor(web, REDIRECT, null);
        String refresh = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT), web, secret)
                .getString("refresh_token");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> tokenResponse(Map.of("grant_type", "refresh_token", "refresh_token", refresh), web, secret));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            List<HttpResponse<String>> won = responses.stream().filter(r -> r.statusCode() == 200).toList();
            assertThat(won).as("%s", responses.stream().map(HttpResponse::body).toList()).hasSize(1);
            assertThat(responses.stream().filter(r -> r.statusCode() == 400 && r.body().contains("invalid_grant")).count()).isEqualTo(7);
            // the others count as reuse: the family is revoked, so even the winner's new token is dead
            String winnersToken = Json.createReader(new StringReader(won.get(0).body())).readObject().getString("refresh_token");
            assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", winnersToken), web, secret).getString("error"))
                    .isEqualTo("invalid_grant");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void formValuesAreUtf8SoANonAsciiClientSecretAuthenticates() throws Exception {
        String app = "utf8-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "sécret-ümlaut-密码-0123456789";
        database.createApp("default", app, "WEB_SERVER", secret, List.of(REDIRECT), List.of("all"), false);
        JsonObject wrongCode = token(Map.of("grant_type", "authorization_code", "code", "no-such-code", "redirect_uri", REDIRECT), app, secret);
        assertThat(wrongCode.getString("error")).as("the client authenticated; only the code is wrong").isEqualTo("invalid_grant");
        JsonObject wrongSecret = token(Map.of("grant_type", "authorization_code", "code", "no-such-code", "redirect_uri", REDIRECT),
                app, secret.replace("ü", "u"));
        assertThat(wrongSecret.getString("error")).isEqualTo("invalid_client");
    }

    @Test
    void tokenEndpointTakesOnlyFormPostsWithParametersInTheBody() {
        WebSession client = new WebSession(server);
        HttpResponse<String> get = client.get("/v2/oauth/token?grant_type=refresh_token");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(error(get)).isEqualTo("invalid_request");

        HttpResponse<String> json = client.postRaw("/v2/oauth/token", "application/json",
                "{\"grant_type\":\"refresh_token\",\"client_id\":\"" + web + "\"}");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(error(json)).isEqualTo("invalid_request");

        // a secret in the URL ends up in access logs: refused even when everything else is right
        String code = codeFor(web, REDIRECT, null);
        HttpResponse<String> inQuery = client.postRaw("/v2/oauth/token?client_secret=" + secret, "application/x-www-form-urlencoded",
                "grant_type=authorization_code&client_id=" + web + "&code=" + code + "&redirect_uri=" + REDIRECT);
        assertThat(inQuery.statusCode()).isEqualTo(400);
        assertThat(error(inQuery)).isEqualTo("invalid_request");
        assertThat(inQuery.body()).doesNotContain(secret).doesNotContain("Exception");

        HttpResponse<String> repeated = client.postRaw("/v2/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=refresh_token&grant_type=authorization_code&client_id=" + web);
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(error(repeated)).isEqualTo("invalid_request");
    }

    private static String error(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return Json.createReader(new StringReader(response.body())).readObject().getString("error");
    }

    @Test
    void idTokensRefreshTokensUnsignedAndForeignTokensAreNotBearerTokens() throws Exception {
        String code = codeFor(web, REDIRECT, null, "openid all");
        JsonObject tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT), web, secret);
        assertThat(userinfo(tokens.getString("access_token")).statusCode()).isEqualTo(200);
        assertThat(userinfo(tokens.getString("id_token")).statusCode()).as("id_token").isEqualTo(401);
        assertThat(userinfo(tokens.getString("refresh_token")).statusCode()).as("refresh token").isEqualTo(401);

        SignedJWT real = SignedJWT.parse(tokens.getString("access_token"));
        String algNone = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + real.getHeader().getKeyID() + "\"}")
                + "." + real.getPayload().toBase64URL() + ".";
        assertThat(userinfo(algNone).statusCode()).as("alg none").isEqualTo(401);

        RSAKey foreign = new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreign.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), real.getJWTClaimsSet());
        forged.sign(new RSASSASigner(foreign));
        assertThat(userinfo(forged.serialize()).statusCode()).as("signed by an unknown key").isEqualTo(401);

        SignedJWT expired = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown-kid").type(new JOSEObjectType("at+jwt")).build(),
                new JWTClaimsSet.Builder(real.getJWTClaimsSet()).expirationTime(new Date(0)).build());
        expired.sign(new RSASSASigner(foreign));
        assertThat(userinfo(expired.serialize()).statusCode()).isEqualTo(401);
        assertThat(userinfo("garbage").statusCode()).isEqualTo(401);
    }

    // --- helpers

    private String codeFor(String appId, String redirect, String challenge) {
        return codeFor(appId, redirect, challenge, "all");
    }

    private String codeFor(String appId, String redirect, String challenge, String scope) {
        Map<String, String> query = new HashMap<>(Map.of("client_id", appId, "redirect_uri", redirect, "response_type", "code",
                "state", "st", "scope", scope));
        if (challenge != null) {
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", "S256");
        }
        URI back = new OAuthBrowser(server).authorizeAndAllow(query);
        String code = OAuthBrowser.param(back, "code");
        assertThat(code).as(back.toString()).isNotNull();
        return code;
    }

    private JsonObject token(Map<String, String> form, String clientId, String clientSecret) {
        return Json.createReader(new StringReader(tokenResponse(form, clientId, clientSecret).body())).readObject();
    }

    private HttpResponse<String> tokenResponse(Map<String, String> form, String clientId, String clientSecret) {
        Map<String, String> fields = new HashMap<>(form);
        if (clientId != null) {
            fields.put("client_id", clientId);
            fields.put("client_secret", clientSecret);
        }
        return new WebSession(server).post("/v2/oauth/token", fields);
    }

    private JsonObject introspect(String token) {
        HttpResponse<String> response = new WebSession(server).post("/v2/oauth/introspect",
                Map.of("token", token, "client_id", web, "client_secret", secret));
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private HttpResponse<String> userinfo(String token) {
        return new WebSession(server).getWithBearer("/v2/oauth/userinfo", token);
    }

    private static void assertRedirectError(HttpResponse<String> response, String error, String state) {
        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(OAuthBrowser.param(location, "error")).isEqualTo(error);
        assertThat(OAuthBrowser.param(location, "state")).isEqualTo(state);
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
