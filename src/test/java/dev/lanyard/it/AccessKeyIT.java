package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.AcsSigner;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Servers call the API with an AccessKey pair, signing each request as PDS documents it (the signer is written in the
 * test from the formula): tokens for users who are not present, by user_id or by a login identity, and every way a
 * signed request can be wrong: replayed, a Date 16 minutes off, a header, the body, the path or the method changed,
 * and an unknown key, a disabled key and a bad signature, which all get the same answer.
 */
@ExtendWith(SharedServer.class)
class AccessKeyIT {

    private static final String SECRET = "access-key-secret-0123456789";
    /** Calls sent at the same moment: fewer than the API admits at once on one processor (4), so none is turned away. */
    private static final int CLIENTS_AT_ONCE = 4;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String domain;
    private static String userId;
    private static String bossId;

    private final LanyardServer server;
    private final TestDatabase database;

    AccessKeyIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    /** The test domain and its AccessKeys, set up as an operator would: a signed import with the bootstrap key. */
    @BeforeAll
    static void domainWithAccessKeys(LanyardServer server, TestDatabase database) throws Exception {
        domain = "k" + UUID.randomUUID().toString().substring(0, 8);
        String file = """
                {"domain_id": "%s", "name": "AccessKeys",
                 "user_systems": {"password": {"enabled": true}},
                 "users": [{"user_id": "ak-user", "nick_name": "Ada", "password": "ada-password-0123"},
                           {"user_id": "ak-boss", "nick_name": "Boss", "role": "superadmin"}],
                 "access_keys": [{"id": "admin-%s", "secret": "%s", "role": "admin", "description": "billing server"},
                                 {"id": "super-%s", "secret": "%s", "role": "superadmin"},
                                 {"id": "off-%s", "secret": "%s", "role": "admin", "enabled": false}]}
                """.formatted(domain, domain, SECRET, domain, SECRET, domain, SECRET);
        AcsSigner bootstrap = new AcsSigner(server, null, SharedServer.BOOTSTRAP_KEY_ID, SharedServer.BOOTSTRAP_KEY_SECRET);
        HttpResponse<String> imported = bootstrap.post("/v2/domain/import", file, true).send();
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        userId = "ak-user";
        bossId = "ak-boss";
        database.addIdentity(domain, userId, "mobile", "+8613800138000");
    }

    @Test
    void aServerGetsAUsersTokenAndTheTokenActsAsThatUser() throws Exception {
        HttpResponse<String> response = signer("admin").post("/v2/user/get_access_token", "{\"user_id\": \"" + userId + "\"}", true).send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject tokens = json(response);
        assertThat(tokens.getString("user_id")).isEqualTo(userId);
        assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
        assertThat(tokens.getInt("expires_in")).isEqualTo(7200);
        assertThat(tokens.getString("expire_time")).isNotBlank();
        assertThat(tokens.getString("role")).isEqualTo("user");

        HttpResponse<String> me = bearer("/v2/user/get", tokens.getString("access_token"), "{}");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me).getString("nick_name")).isEqualTo("Ada");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf' "
                + "AND user_id = ? AND subject = ?", domain, userId, "accesskey:admin-" + domain)).isGreaterThanOrEqualTo(1);
        assertThat(database.string("SELECT last_used_at FROM access_keys WHERE access_key_id = ?", "admin-" + domain)).isNotNull();
    }

    @Test
    void aServerGetsATokenByALoginIdentity() throws Exception {
        AcsSigner admin = signer("admin");
        HttpResponse<String> byMobile = admin.post("/v2/account/get_access_token_by_link_info",
                "{\"type\": \"mobile\", \"identity\": \"138 0013 8000\"}", true).send();
        assertThat(byMobile.statusCode()).as(byMobile.body()).isEqualTo(200);
        assertThat(json(byMobile).getString("user_id")).isEqualTo(userId);
        HttpResponse<String> byPassword = admin.post("/v2/account/get_access_token_by_link_info",
                "{\"type\": \"password\", \"identity\": \"AK-USER\"}", true).send();
        assertThat(json(byPassword).getString("user_id")).isEqualTo(userId);
        assertError(admin.post("/v2/account/get_access_token_by_link_info", "{\"type\": \"mobile\", \"identity\": \"13900000000\"}", true)
                .send(), 404, "NotFound.LinkInfo");
        assertError(admin.post("/v2/account/get_access_token_by_link_info", "{\"type\": \"fax\", \"identity\": \"1\"}", true)
                .send(), 400, "InvalidParameter.Type");
        assertError(admin.post("/v2/user/get_access_token", "{\"user_id\": \"nobody\"}", true).send(), 404, "NotFound.User");
    }

    @Test
    void anAdminKeyCannotMintASuperadminsTokenAndBearerCallersCannotMintAtAll() throws Exception {
        assertError(signer("admin").post("/v2/user/get_access_token", "{\"user_id\": \"" + bossId + "\"}", true).send(),
                403, "ForbiddenNoPermission");
        HttpResponse<String> boss = signer("super").post("/v2/user/get_access_token", "{\"user_id\": \"" + bossId + "\"}", true).send();
        assertThat(boss.statusCode()).as(boss.body()).isEqualTo(200);
        assertThat(json(boss).getString("role")).isEqualTo("superadmin");
        // a user's (even a superadmin's) bearer token does not make its holder a server that mints tokens
        HttpResponse<String> byBearer = bearer("/v2/user/get_access_token", json(boss).getString("access_token"),
                "{\"user_id\": \"" + userId + "\"}");
        assertError(byBearer, 403, "ForbiddenNoPermission");
    }

    /**
     * A node signs the next token for a user it minted for before without reading them first; the read in the
     * token's own commit decides what is answered. Changes are made through the API, as an administrator would.
     */
    @Test
    void aUserChangedSinceTheirLastTokenGetsTheAnswerOfHowTheyAreNow() throws Exception {
        AcsSigner admin = signer("admin");
        String changing = "ak-changing-" + UUID.randomUUID().toString().substring(0, 8);
        String asUser = "{\"user_id\": \"" + changing + "\"}";
        HttpResponse<String> created = admin.post("/v2/user/create", "{\"user_id\": \"" + changing + "\", \"nick_name\": \"Before\"}", true).send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonObject first = json(admin.post("/v2/user/get_access_token", asUser, true).send());
        assertThat(first.getString("nick_name")).isEqualTo("Before");
        assertThat(roleSignedIn(first.getString("access_token"))).isEqualTo("user");

        update(admin, "{\"user_id\": \"" + changing + "\", \"nick_name\": \"After\", \"role\": \"admin\"}");
        HttpResponse<String> promoted = admin.post("/v2/user/get_access_token", asUser, true).send();
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(json(promoted).getString("nick_name")).isEqualTo("After");
        assertThat(json(promoted).getString("role")).isEqualTo("admin");
        assertThat(roleSignedIn(json(promoted).getString("access_token"))).as("signed again for the new role").isEqualTo("admin");

        update(signer("super"), "{\"user_id\": \"" + changing + "\", \"role\": \"superadmin\"}");
        assertError(admin.post("/v2/user/get_access_token", asUser, true).send(), 403, "ForbiddenNoPermission");
        update(signer("super"), "{\"user_id\": \"" + changing + "\", \"role\": \"user\"}");
        assertThat(admin.post("/v2/user/get_access_token", asUser, true).send().statusCode()).isEqualTo(200);

        update(admin, "{\"user_id\": \"" + changing + "\", \"status\": \"disabled\"}");
        assertError(admin.post("/v2/user/get_access_token", asUser, true).send(), 403, "Forbidden.UserDisabled");
        update(admin, "{\"user_id\": \"" + changing + "\", \"status\": \"enabled\"}");
        assertThat(admin.post("/v2/user/get_access_token", asUser, true).send().statusCode()).isEqualTo(200);

        HttpResponse<String> deleted = admin.post("/v2/user/delete", asUser, true).send();
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertError(admin.post("/v2/user/get_access_token", asUser, true).send(), 404, "NotFound.User");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf' "
                + "AND user_id = ?", domain, changing)).as("one event per token answered, none for a refusal").isEqualTo(4);
    }

    /** Changes a user through the API, signed with {@code by} (a superadmin's key for a superadmin's role). */
    private static void update(AcsSigner by, String body) throws Exception {
        HttpResponse<String> updated = by.post("/v2/user/update", body, true).send();
        assertThat(updated.statusCode()).as(updated.body()).isBetween(200, 204);
    }

    /** The role an access token carries (its customJson claim, as PDS's tokens do). */
    private static String roleSignedIn(String accessToken) {
        JsonObject claims = Json.createReader(new StringReader(new String(java.util.Base64.getUrlDecoder()
                .decode(accessToken.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8))).readObject();
        return Json.createReader(new StringReader(claims.getString("customJson"))).readObject().getString("role");
    }

    @Test
    void aBadBodyGetsItsPdsErrorAndMintsNothing() throws Exception {
        AcsSigner admin = signer("admin");
        String path = "/v2/user/get_access_token";
        long minted = database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf'", domain);
        assertError(admin.post(path, "{\"user_id\": ", true).send(), 400, "InvalidParameter");
        assertError(admin.post(path, "[\"" + userId + "\"]", true).send(), 400, "InvalidParameter");
        assertError(admin.post(path, "{\"user_id\": 7}", true).send(), 400, "InvalidParameter.UserId");
        assertError(admin.post(path, "{\"user_id\": \"" + "u".repeat(65) + "\"}", true).send(), 400, "InvalidParameter.UserId");
        assertError(admin.post(path, "{}", true).send(), 400, "InvalidParameter.UserId");
        assertError(admin.post(path, "{\"user_id\": \"" + userId + "\", \"pad\": \"" + "x".repeat(70_000) + "\"}", true).send(),
                413, "InvalidParameter.Body");
        assertError(admin.signed("POST", path, "user_id=" + userId, true, ZonedDateTime.now(ZoneOffset.UTC),
                "application/x-www-form-urlencoded").send(), 415, "InvalidParameter.ContentType");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf'", domain))
                .as("no token was minted").isEqualTo(minted);
    }

    @Test
    void aReplayedRequestIsRefused() throws Exception {
        AcsSigner.Signed request = signer("admin").post("/v2/user/get_access_token", "{\"user_id\": \"" + userId + "\"}", true);
        assertThat(request.send().statusCode()).isEqualTo(200);
        long minted = database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf'", domain);
        assertError(request.send(), 401, "InvalidSignature.Replayed");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf'", domain))
                .as("a replay mints nothing").isEqualTo(minted);

        // get_access_token records the signature in the transaction of its answer: a refused call used it up too, so
        // the same signed request cannot succeed later, e.g. once the user is enabled again
        String later = database.createPasswordUser(domain, "enabled-later", "enabled-later-0123", "USER", "DISABLED");
        AcsSigner.Signed refused = signer("admin").post("/v2/user/get_access_token", "{\"user_id\": \"" + later + "\"}", true);
        assertError(refused.send(), 403, "Forbidden.UserDisabled");
        database.update("UPDATE users SET status = 'ENABLED' WHERE domain_id = ? AND user_id = ?", domain, later);
        assertError(refused.send(), 401, "InvalidSignature.Replayed");

        // every other resource gets requests whose signature was recorded while they were authenticated
        AcsSigner.Signed lookUp = signer("admin").post("/v2/user/get", "{\"user_id\": \"" + userId + "\"}", true);
        assertThat(lookUp.send().statusCode()).isEqualTo(200);
        assertError(lookUp.send(), 401, "InvalidSignature.Replayed");
    }

    /**
     * Calls that arrive together are written together (FirstUseBatches): each distinct call still gets its own token and
     * its own audit event, and copies of one signed request sent at the same moment get one token between them.
     */
    @Test
    void callsAtTheSameMomentEachGetATokenAndAnAuditEventAndCopiesOfOneGetOneToken() throws Exception {
        String body = "{\"user_id\": \"" + userId + "\"}";
        String minted = "SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'token.on_behalf'";
        long before = database.count(minted, domain);
        List<AcsSigner.Signed> distinct = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            distinct.add(signer("admin").post("/v2/user/get_access_token", body, true));
        }
        AcsSigner.Signed copied = signer("admin").post("/v2/user/get_access_token", body, true);
        List<AcsSigner.Signed> all = new ArrayList<>(distinct);
        for (int i = 0; i < 8; i++) {
            all.add(copied);
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS_AT_ONCE);
        CountDownLatch ready = new CountDownLatch(CLIENTS_AT_ONCE);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (AcsSigner.Signed request : all) {
                answers.add(clients.submit(() -> {
                    ready.countDown();
                    ready.await(10, TimeUnit.SECONDS); // the first ones leave together
                    return request.send();
                }));
            }
            Set<String> tokens = new HashSet<>();
            for (int i = 0; i < distinct.size(); i++) {
                HttpResponse<String> answer = answers.get(i).get(60, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                tokens.add(json(answer).getString("access_token"));
            }
            assertThat(tokens).as("a token of its own for each call").hasSize(distinct.size());
            int granted = 0;
            for (int i = distinct.size(); i < all.size(); i++) {
                HttpResponse<String> answer = answers.get(i).get(60, TimeUnit.SECONDS);
                if (answer.statusCode() == 200) {
                    granted++;
                } else {
                    assertError(answer, 401, "InvalidSignature.Replayed");
                }
            }
            assertThat(granted).as("copies of one signed request get one token between them").isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
        assertThat(database.count(minted, domain)).as("one audit event per token").isEqualTo(before + distinct.size() + 1);
    }

    @Test
    void aDateSixteenMinutesOffIsRefused() throws Exception {
        for (int minutes : new int[] {-16, 16}) {
            AcsSigner.Signed request = signer("admin").signed("POST", "/v2/user/get_access_token", "{\"user_id\": \"" + userId + "\"}",
                    true, ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(minutes));
            assertError(request.send(), 403, "InvalidParameter.Date");
        }
        AcsSigner.Signed fourteen = signer("admin").signed("POST", "/v2/user/get_access_token", "{\"user_id\": \"" + userId + "\"}",
                true, ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(14));
        assertThat(fourteen.send().statusCode()).as("within the window").isEqualTo(200);
    }

    @Test
    void aHeaderTheBodyThePathOrTheMethodChangedAfterSigningIsRefused() throws Exception {
        String body = "{\"user_id\": \"" + userId + "\"}";
        AcsSigner admin = signer("admin");

        AcsSigner.Signed header = admin.post("/v2/user/get_access_token", body, true);
        header.headers.put("x-acs-signature-nonce", "another-nonce");
        assertError(header.send(), 401, "InvalidSignature");

        AcsSigner.Signed bodyChanged = admin.post("/v2/user/get_access_token", body, true);
        bodyChanged.body = body.replace(userId, "ak-boss");
        assertError(bodyChanged.send(), 400, "InvalidParameter.ContentMD5");

        AcsSigner.Signed path = admin.post("/v2/user/get_access_token", body, true);
        path.path = "/v2/user/get";
        assertError(path.send(), 401, "InvalidSignature");

        AcsSigner.Signed method = admin.signed("PUT", "/v2/user/get_access_token", body, true, ZonedDateTime.now(ZoneOffset.UTC));
        assertError(method.send(), 401, "InvalidSignature");

        AcsSigner.Signed query = admin.post("/v2/user/get_access_token", body, true);
        query.path = "/v2/user/get_access_token?user_id=ak-boss";
        assertError(query.send(), 401, "InvalidSignature");

        // without Content-MD5 nothing ties the body to the signature: refused, whatever the body says
        HttpResponse<String> unbound = admin.post("/v2/user/get_access_token", body, false).send();
        assertError(unbound, 400, "InvalidParameter.ContentMD5");
        assertThat(json(unbound).getString("message")).contains("must send its Content-MD5");
        // an empty body needs none: the admin key is authenticated, and only then refused as not a superadmin
        assertError(admin.post("/v2/domain/export", "", false).send(), 403, "ForbiddenNoPermission");

        // a signed header sent twice: which copy was signed is unclear
        AcsSigner.Signed twice = admin.post("/v2/user/get_access_token", body, true);
        assertError(twice.sendWithExtraHeader("x-acs-signature-nonce", "second-copy"), 401, "InvalidSignature");
    }

    @Test
    void anUnknownKeyADisabledKeyAndABadSignatureGetTheSameAnswer() throws Exception {
        String body = "{\"user_id\": \"" + userId + "\"}";
        HttpResponse<String> unknown = new AcsSigner(server, host(), "no-such-key", SECRET).post("/v2/user/get_access_token", body, false).send();
        HttpResponse<String> disabled = signer("off").post("/v2/user/get_access_token", body, false).send();
        HttpResponse<String> wrongSecret = new AcsSigner(server, host(), "admin-" + domain, "not-the-secret-0123456789")
                .post("/v2/user/get_access_token", body, false).send();
        for (HttpResponse<String> response : List.of(unknown, disabled, wrongSecret)) {
            assertError(response, 401, "InvalidSignature");
            assertThat(json(response).getString("message")).isEqualTo("the AccessKey or the signature is not valid");
        }
        AcsSigner.Signed garbled = signer("admin").post("/v2/user/get_access_token", body, false);
        garbled.headers.put("Authorization", "acs admin-" + domain + ":!!not-base64!!");
        assertError(garbled.send(), 401, "InvalidSignature");
        assertThat(server.log()).doesNotContain(SECRET);
    }

    // ---- helpers ----

    private AcsSigner signer(String key) {
        return new AcsSigner(server, host(), key + "-" + domain, SECRET);
    }

    private HttpResponse<String> bearer(String path, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Host", host())
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String host() {
        return domain + SharedServer.HOST_SUFFIX + ":" + server.port();
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject error = json(response);
        assertThat(error.getString("code")).isEqualTo(code);
        assertThat(error.getString("request_id")).isNotBlank();
        assertThat(response.body()).doesNotContain("access_token").doesNotContain("Exception");
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
