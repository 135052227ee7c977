package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import dev.lanyard.it.support.FormData;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * JWT apps exchange assertions signed with their private keys for tokens (grant type jwt-bearer), the way PDS's docs
 * have a customer's server do it. The assertions are made with a JWT library Lanyard does not use (auth0 java-jwt);
 * the hostile ones are built byte by byte. Every bad input of the issue gets invalid_grant and no token.
 */
@ExtendWith(SharedServer.class)
class JwtBearerIT {

    private static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final KeyPair RSA = TestKeys.pair("RSA");
    private static final KeyPair EC = TestKeys.pair("EC");
    private static final KeyPair STRANGER = TestKeys.pair("RSA");
    /** Calls sent at the same moment: fewer than the API admits at once on one processor (4), so none is turned away. */
    private static final int CLIENTS_AT_ONCE = 4;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String domain;
    private static String userId;
    private static String disabledUserId;
    private static String bossId;

    private final LanyardServer server;
    private final TestDatabase database;

    JwtBearerIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeAll
    static void domainWithJwtApps(LanyardServer server, TestDatabase database) throws Exception {
        domain = "j" + UUID.randomUUID().toString().substring(0, 8);
        database.createDomain(domain, "JWT apps " + domain);
        database.createJwtApp(domain, "backend", Map.of("k1", TestKeys.pem(RSA.getPublic()), "e1", TestKeys.pem(EC.getPublic())),
                null, true, true);
        database.createJwtApp(domain, "limited", Map.of("k1", TestKeys.pem(RSA.getPublic())), null, false, false);
        database.createJwtApp(domain, "other", Map.of("k1", TestKeys.pem(STRANGER.getPublic())), null, true, true);
        userId = database.createPasswordUser(domain, "jwt-user", "jwt-user-password-1", "USER", "ENABLED");
        disabledUserId = database.createPasswordUser(domain, "jwt-disabled", "jwt-user-password-1", "USER", "DISABLED");
        bossId = database.createPasswordUser(domain, "jwt-boss", "jwt-user-password-1", "SUPERADMIN", "ENABLED");
    }

    @Test
    void aSuperadminIsOnlyForAnAppASuperadminTrustedAndAThirdPartyAppsTokenCarriesNoAdminRights() throws Exception {
        assertInvalidGrant(token(rs256(valid("limited", bossId, "user"))), "may not act for a superadmin");
        HttpResponse<String> response = token(rs256(valid("backend", bossId, "user")));
        assertThat(response.statusCode()).as("an app allowed service tokens may: " + response.body()).isEqualTo(200);
        String bossToken = json(response).getString("access_token");
        // backend is a third-party app: its token is the superadmin's identity, not the superadmin's rights
        HttpResponse<String> me = api("/v2/user/get", bossToken, "{}");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me).getString("role")).isEqualTo("superadmin");
        HttpResponse<String> list = api("/v2/user/list", bossToken, "{}");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(403);
        HttpResponse<String> bridged = api("/v2/bridge/token", bossToken, "");
        assertThat(bridged.statusCode()).as("no unrestricted upstream token for a third-party app: " + bridged.body()).isEqualTo(403);
        assertThat(json(bridged).getString("code")).isEqualTo("ForbiddenNoPermission");
    }

    @Test
    void anAssertionForAUserGetsTheTokenResponseOnceAndTheTokenWorksOnTheApi() throws Exception {
        long audited = database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf' "
                + "AND user_id = ? AND app_id = 'backend' AND subject = 'jwt-bearer'", domain, userId);
        String assertion = rs256(valid("backend", userId, "user"));
        HttpResponse<String> response = token(assertion);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject tokens = json(response);
        assertThat(tokens.getString("user_id")).isEqualTo(userId);
        assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
        assertThat(tokens.getInt("expires_in")).isEqualTo(7200);
        assertThat(tokens.containsKey("refresh_token")).as("the app signs a new assertion instead").isFalse();
        assertThat(tokens.getBoolean("is_first_login")).isFalse();
        assertThat(claims(tokens.getString("access_token"))).containsEntry("client_id", "backend").containsEntry("sub", userId);

        HttpResponse<String> me = api("/v2/user/get", tokens.getString("access_token"), "{}");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me).getString("user_id")).isEqualTo(userId);

        assertInvalidGrant(token(assertion), "already used");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf' "
                + "AND user_id = ? AND app_id = 'backend' AND subject = 'jwt-bearer'", domain, userId)).isEqualTo(audited + 1);
    }

    /**
     * Grants that arrive together are written together (FirstUseBatches): each assertion still gets its own token and
     * audit event, and copies of one assertion sent at the same moment get one token between them.
     */
    @Test
    void grantsAtTheSameMomentEachGetATokenAndCopiesOfOneAssertionGetOne() throws Exception {
        String minted = "SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf' AND app_id = 'backend'";
        long before = database.count(minted, domain);
        List<String> assertions = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            assertions.add(rs256(valid("backend", userId, "user")));
        }
        String copied = rs256(valid("backend", userId, "user"));
        for (int i = 0; i < 8; i++) {
            assertions.add(copied);
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS_AT_ONCE);
        CountDownLatch ready = new CountDownLatch(CLIENTS_AT_ONCE);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String assertion : assertions) {
                answers.add(clients.submit(() -> {
                    ready.countDown();
                    ready.await(10, TimeUnit.SECONDS);
                    return token(assertion);
                }));
            }
            for (int i = 0; i < 16; i++) {
                HttpResponse<String> answer = answers.get(i).get(60, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
            int granted = 0;
            for (int i = 16; i < assertions.size(); i++) {
                HttpResponse<String> answer = answers.get(i).get(60, TimeUnit.SECONDS);
                if (answer.statusCode() == 200) {
                    granted++;
                } else {
                    assertInvalidGrant(answer, "already used");
                }
            }
            assertThat(granted).as("copies of one assertion get one token between them").isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
        assertThat(database.count(minted, domain)).as("one audit event per token").isEqualTo(before + 17);
    }

    @Test
    void es256AndTheTokenEndpointUrlAsAudienceWorkToo() throws Exception {
        JWTCreator.Builder builder = valid("backend", userId, "user").withAudience("http://" + host() + "/v2/oauth/token").withKeyId("e1");
        String assertion = builder.sign(Algorithm.ECDSA256((ECPublicKey) EC.getPublic(), (ECPrivateKey) EC.getPrivate()));
        HttpResponse<String> response = token(assertion);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void theDomainServiceAccountGetsASuperadminTokenOnlyForAnAppThatMay() throws Exception {
        HttpResponse<String> response = token(rs256(valid("backend", domain, "service")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject tokens = json(response);
        assertThat(tokens.getString("role")).isEqualTo("superadmin");
        assertThat(claims(tokens.getString("access_token"))).containsEntry("sub", domain).containsEntry("sub_type", "service");
        HttpResponse<String> other = api("/v2/user/get", tokens.getString("access_token"), "{\"user_id\": \"" + userId + "\"}");
        assertThat(other.statusCode()).as("a superadmin reads any user: " + other.body()).isEqualTo(200);

        assertInvalidGrant(token(rs256(valid("limited", domain, "service"))), "may not ask for service tokens");
        assertInvalidGrant(token(rs256(valid("backend", userId, "service"))), "sub is the domain id");
    }

    @Test
    void autoCreateMakesTheUserOnlyForAnAppThatMay() throws Exception {
        String newUser = "ext-" + UUID.randomUUID().toString().substring(0, 8);
        assertInvalidGrant(token(rs256(valid("limited", newUser, "user").withClaim("auto_create", true))), "may not create users");
        assertInvalidGrant(token(rs256(valid("backend", newUser, "user"))), "unknown user");
        HttpResponse<String> created = token(rs256(valid("backend", newUser, "user").withClaim("auto_create", true)
                .withClaim("nick_name", "Externe Erika").withClaim("avatar", "https://cdn.example/erika.png")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(json(created).getBoolean("is_first_login")).isTrue();
        assertThat(json(created).getString("nick_name")).isEqualTo("Externe Erika");
        assertThat(database.count("SELECT count(*) FROM users WHERE domain_id = ? AND user_id = ?", domain, newUser)).isEqualTo(1);
        HttpResponse<String> again = token(rs256(valid("backend", newUser, "user").withClaim("auto_create", true)));
        assertThat(json(again).getBoolean("is_first_login")).isFalse();
    }

    @Test
    void unsignedOrHmacOrUnknownKeyOrZeroSignatureAssertionsAreRefused() throws Exception {
        String payload = payload(valid("backend", userId, "user"));
        // alg none
        assertInvalidGrant(token(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + "."), "not a signed JWT");
        // HS256 keyed with the app's public key: the classic key-confusion attack
        String hsHeader = b64("{\"alg\":\"HS256\",\"kid\":\"k1\"}");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(TestKeys.pem(RSA.getPublic()).getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        String hsSignature = Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal((hsHeader + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        assertInvalidGrant(token(hsHeader + "." + payload + "." + hsSignature), "not allowed for this key");
        // the right app, a key it does not have
        assertInvalidGrant(token(valid("backend", userId, "user").withKeyId("k9").sign(rsa(RSA))), "no key with this kid");
        assertInvalidGrant(token(valid("backend", userId, "user").withKeyId("k1").sign(rsa(STRANGER))), "does not verify");
        // ES256 with r = s = 0 (CVE-2022-21449, "psychic signatures")
        String esHeader = b64("{\"alg\":\"ES256\",\"kid\":\"e1\"}");
        assertInvalidGrant(token(esHeader + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64])),
                "does not verify");
        // RS256 claimed for the EC key
        assertInvalidGrant(token(valid("backend", userId, "user").withKeyId("e1").sign(rsa(RSA))), "not allowed for this key");
    }

    @Test
    void hostileKidsAreRefusedWithoutHarm() throws Exception {
        for (String kid : new String[] {"../../../../etc/passwd", "k1' OR '1'='1", "k".repeat(10 * 1024), "k".repeat(20 * 1024)}) {
            HttpResponse<String> response = token(valid("backend", userId, "user").withKeyId(kid).sign(rsa(RSA)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            // a 10 KB kid fits in the 16 KB an assertion may have (no such key); a 20 KB one is refused before it is read
            assertThat(json(response).getString("error")).isEqualTo(kid.length() > 16 * 1024 ? "invalid_request" : "invalid_grant");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("SQL");
        }
    }

    @Test
    void audienceTimesAndJtiAreChecked() throws Exception {
        assertInvalidGrant(token(rs256(valid("backend", userId, "user").withAudience("other-domain"))), "aud is not this domain");
        assertInvalidGrant(token(rs256(valid("backend", userId, "user").withAudience(domain.substring(0, 4)))), "aud is not this domain");
        assertInvalidGrant(token(rs256(valid("backend", userId, "user").withAudience(domain + "x"))), "aud is not this domain");
        assertInvalidGrant(token(rs256(without(valid("backend", userId, "user"), "exp"))), "exp is missing");
        Instant now = Instant.now();
        assertInvalidGrant(token(rs256(valid("backend", userId, "user").withIssuedAt(now.minusSeconds(400))
                .withExpiresAt(now.minusSeconds(120)))), "expired");
        assertInvalidGrant(token(rs256(valid("backend", userId, "user").withIssuedAt(now).withExpiresAt(now.plusSeconds(600)))),
                "lives longer than 300 s");
        assertInvalidGrant(token(rs256(valid("backend", userId, "user").withNotBefore(now.plusSeconds(300)))), "not valid yet");
        assertInvalidGrant(token(rs256(without(valid("backend", userId, "user"), "jti"))), "jti");
        assertInvalidGrant(token(rs256(valid("backend", userId, "user").withJWTId("short"))), "jti");
        assertThat(token(rs256(valid("backend", userId, "user").withIssuedAt(now.minusSeconds(30)).withExpiresAt(now.plusSeconds(30))))
                .statusCode()).as("a minute of skew is fine").isEqualTo(200);
    }

    @Test
    void issOfAnotherAppOrAClientIdThatIsNotTheIssAndDisabledUsersAreRefused() throws Exception {
        assertInvalidGrant(token(rs256(valid("no-such-app", userId, "user"))), "not an enabled JWT app");
        // backend's key cannot speak for another app: the iss decides whose keys verify
        assertInvalidGrant(token(rs256(valid("other", userId, "user"))), "does not verify");
        HttpResponse<String> mismatch = post(Map.of("grant_type", GRANT, "assertion", rs256(valid("backend", userId, "user")),
                "client_id", "limited"));
        assertInvalidGrant(mismatch, "client_id is not the assertion's iss");
        assertInvalidGrant(token(rs256(valid("backend", disabledUserId, "user"))), "disabled");
        assertInvalidGrant(token(rs256(valid("backend", userId, "robot"))), "sub_type");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf' AND user_id = ?",
                domain, disabledUserId)).isZero();
    }

    /**
     * A node signs the next token for a user it granted one before without reading them first; the read in the
     * grant's own commit decides what is answered (changes made in the database, as another node or a tool would).
     */
    @Test
    void aUserChangedSinceTheirLastGrantIsAnsweredAsTheyAreNow() throws Exception {
        String changing = database.createPasswordUser(domain, "jwt-changing", "jwt-user-password-1", "USER", "ENABLED");
        String where = " WHERE domain_id = ? AND user_id = ?";
        HttpResponse<String> first = token(rs256(valid("limited", changing, "user")));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(claims(json(first).getString("access_token")).get("customJson")).asString().contains("\"role\":\"user\"");

        database.update("UPDATE users SET role = 'ADMIN'" + where, domain, changing);
        HttpResponse<String> promoted = token(rs256(valid("limited", changing, "user")));
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(json(promoted).getString("role")).isEqualTo("admin");
        assertThat(claims(json(promoted).getString("access_token")).get("customJson")).as("signed again for the new role")
                .asString().contains("\"role\":\"admin\"");

        database.update("UPDATE users SET role = 'SUPERADMIN'" + where, domain, changing);
        assertInvalidGrant(token(rs256(valid("limited", changing, "user"))), "may not act for a superadmin");
        database.update("UPDATE users SET role = 'USER'" + where, domain, changing);
        assertThat(token(rs256(valid("limited", changing, "user"))).statusCode()).isEqualTo(200);

        database.update("UPDATE users SET status = 'DISABLED'" + where, domain, changing);
        assertInvalidGrant(token(rs256(valid("limited", changing, "user"))), "disabled");
        database.update("UPDATE users SET status = 'ENABLED'" + where, domain, changing);
        assertThat(token(rs256(valid("limited", changing, "user"))).statusCode()).isEqualTo(200);

        database.update("DELETE FROM users" + where, domain, changing);
        assertInvalidGrant(token(rs256(valid("limited", changing, "user"))), "unknown user");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf' AND user_id = ?",
                domain, changing)).as("one event per token answered, none for a refusal").isEqualTo(4);
    }

    @Test
    void anAppThatPublishesItsKeysAtAJwksUrlIsVerifiedWithThemAndRefusedWhenTheyCannotBeFetched() throws Exception {
        KeyPair published = TestKeys.pair("RSA");
        com.github.tomakehurst.wiremock.WireMockServer jwks = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        jwks.start();
        try {
            String keySet = new com.nimbusds.jose.jwk.JWKSet(new com.nimbusds.jose.jwk.RSAKey.Builder((RSAPublicKey) published.getPublic())
                    .keyID("pub-1").build()).toString();
            jwks.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/jwks.json").willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.okJson(keySet)));
            database.createJwtApp(domain, "published", Map.of(), jwks.baseUrl() + "/jwks.json", false, false);
            database.createJwtApp(domain, "unreachable", Map.of(), "http://127.0.0.1:9/jwks.json", false, false);
            String assertion = valid("published", userId, "user").withKeyId("pub-1").sign(rsa(published));
            HttpResponse<String> response = token(assertion);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertInvalidGrant(token(valid("published", userId, "user").withKeyId("pub-1").sign(rsa(STRANGER))), "does not verify");
            // a key set that cannot be fetched means no keys: fail closed
            assertInvalidGrant(token(valid("unreachable", userId, "user").withKeyId("pub-1").sign(rsa(published))), "no key with this kid");
        } finally {
            jwks.stop();
        }
    }

    @Test
    void aJwtAppCannotUseTheOtherGrantsAndTheDiscoveryDocumentNamesTheGrant() throws Exception {
        HttpResponse<String> refresh = post(Map.of("grant_type", "refresh_token", "refresh_token", "x", "client_id", "backend"));
        assertThat(json(refresh).getString("error")).isIn("unauthorized_client", "invalid_client");
        HttpResponse<String> discovery = HTTP.send(HttpRequest.newBuilder(server.uri("/.well-known/openid-configuration"))
                .header("Host", host()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.body()).contains(GRANT);
    }

    // ---- helpers ----

    /** A well-formed assertion as PDS documents it: iss app, sub, sub_type, aud domain, jti, iat, exp in 60 s. */
    private static JWTCreator.Builder valid(String app, String subject, String subType) {
        Instant now = Instant.now();
        return JWT.create().withIssuer(app).withSubject(subject).withClaim("sub_type", subType).withAudience(domain)
                .withJWTId(UUID.randomUUID().toString()).withIssuedAt(now).withExpiresAt(now.plusSeconds(60)).withKeyId("k1");
    }

    private static String rs256(JWTCreator.Builder builder) {
        return builder.sign(rsa(RSA));
    }

    private static Algorithm rsa(KeyPair pair) {
        return Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
    }

    /** The builder's claims without one of them, signed with the app's RSA key: java-jwt cannot remove a claim. */
    private static JWTCreator.Builder without(JWTCreator.Builder builder, String claim) {
        String signed = builder.sign(Algorithm.none());
        JsonObject payload = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(signed.split("\\.")[1]),
                StandardCharsets.UTF_8))).readObject();
        JWTCreator.Builder copy = JWT.create().withKeyId("k1");
        payload.forEach((name, value) -> {
            if (!name.equals(claim)) {
                switch (value.getValueType()) {
                    case NUMBER -> copy.withClaim(name, ((jakarta.json.JsonNumber) value).longValue());
                    case STRING -> copy.withClaim(name, ((jakarta.json.JsonString) value).getString());
                    default -> copy.withClaim(name, value.toString());
                }
            }
        });
        return copy;
    }

    private static String payload(JWTCreator.Builder builder) {
        return builder.sign(rsa(RSA)).split("\\.")[1];
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> claims(String jwt) {
        JsonObject payload = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                StandardCharsets.UTF_8))).readObject();
        Map<String, Object> claims = new java.util.HashMap<>();
        payload.forEach((k, v) -> claims.put(k, v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()));
        return claims;
    }

    private HttpResponse<String> token(String assertion) throws Exception {
        return post(Map.of("grant_type", GRANT, "assertion", assertion));
    }

    private HttpResponse<String> post(Map<String, String> form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri("/v2/oauth/token")).header("Host", host())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormData.encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String path, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).header("Host", host()).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String host() {
        return domain + SharedServer.HOST_SUFFIX + ":" + server.port();
    }

    private static void assertInvalidGrant(HttpResponse<String> response, String because) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonObject error = json(response);
        assertThat(error.getString("error")).isEqualTo("invalid_grant");
        assertThat(error.getString("error_description")).contains(because);
        assertThat(response.body()).doesNotContain("access_token");
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
