package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.lanyard.it.support.AcsSigner;
import dev.lanyard.it.support.FormData;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PDS's management API, called as an operator's server calls it (AccessKey-signed) and as users call it (bearer
 * tokens): apps, users, login identities and the domain, with PDS's shapes, paging and errors, and the role rules.
 * End to end: the API creates a JWT app, lets Lanyard generate its key pair, creates a user, and the app's
 * assertion signed with the returned private key gets that user's token.
 */
@ExtendWith(SharedServer.class)
class ManagementApiIT {

    private static final String SECRET = "management-key-secret-0123";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static String domain;

    private final LanyardServer server;
    private final TestDatabase database;

    ManagementApiIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeAll
    static void domainWithKeys(LanyardServer server, TestDatabase database) throws Exception {
        domain = "m" + UUID.randomUUID().toString().substring(0, 8);
        String file = """
                {"domain_id": "%s", "name": "Management",
                 "user_systems": {"password": {"enabled": true}},
                 "users": [{"user_id": "root", "nick_name": "Root", "role": "superadmin"},
                           {"user_id": "plain", "nick_name": "Plain", "password": "plain-password-0123"}],
                 "access_keys": [{"id": "admin-%s", "secret": "%s", "role": "admin"},
                                 {"id": "super-%s", "secret": "%s", "role": "superadmin"}]}
                """.formatted(domain, domain, SECRET, domain, SECRET);
        HttpResponse<String> imported = new AcsSigner(server, null, SharedServer.BOOTSTRAP_KEY_ID, SharedServer.BOOTSTRAP_KEY_SECRET)
                .post("/v2/domain/import", file, true).send();
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    }

    @Test
    void anOperatorCreatesAJwtAppAndAUserAndTheAppsAssertionGetsTheUsersToken() throws Exception {
        JsonObject app = ok(admin("/v2/app/create", "{\"app_name\": \"Billing\", \"app_type\": \"JWT\"}"));
        String appId = app.getString("app_id");
        assertThat(app.getString("app_type")).isEqualTo("JWT");
        assertThat(app.containsKey("app_secret")).isFalse();

        JsonObject key = ok(admin("/v2/app/set_public_key", "{\"app_id\": \"" + appId + "\", \"kid\": \"billing-1\", \"generate\": true}"));
        assertThat(key.getString("public_key")).startsWith("-----BEGIN PUBLIC KEY-----");
        String privatePem = key.getString("private_key");
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----");
        JsonObject stored = ok(admin("/v2/app/get_public_key", "{\"app_id\": \"" + appId + "\"}"));
        assertThat(stored.getString("public_key")).isEqualTo(key.getString("public_key"));
        assertThat(stored.toString()).as("the private key is never stored").doesNotContain("PRIVATE KEY");

        JsonObject user = ok(admin("/v2/user/create", "{\"user_id\": \"ext-42\", \"nick_name\": \"Zhang San\", \"phone\": \"138 0013 8001\","
                + " \"email\": \"zhang@example.com\"}"));
        assertThat(user.getString("phone")).isEqualTo("+8613800138001");
        assertThat(user.getString("role")).isEqualTo("user");

        RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getMimeDecoder().decode(privatePem.replaceAll("-----[A-Z ]+-----", ""))));
        Instant now = Instant.now();
        String assertion = JWT.create().withIssuer(appId).withSubject("ext-42").withClaim("sub_type", "user").withAudience(domain)
                .withJWTId(UUID.randomUUID().toString()).withIssuedAt(now).withExpiresAt(now.plusSeconds(60)).withKeyId("billing-1")
                .sign(Algorithm.RSA256(null, privateKey));
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/oauth/token"))
                .header("Host", host()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormData.encode(Map.of("grant_type",
                        "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", assertion)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(json(token).getString("nick_name")).isEqualTo("Zhang San");
    }

    @Test
    void superadminsCreateAccessKeysWhoseSecretIsShownOnceAndDisableAndDeleteThem() throws Exception {
        HttpResponse<String> created = superadmin("/v2/access_key/create", "{\"role\": \"admin\", \"description\": \"billing <b>server</b>\"}");
        assertThat(created.headers().firstValue("Cache-Control")).as("the secret is kept by no cache").hasValue("no-store");
        JsonObject key = ok(created);
        String id = key.getString("access_key_id");
        String secret = key.getString("access_key_secret");
        assertThat(id).startsWith("LK").hasSize(24);
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(key.getString("role")).isEqualTo("admin");
        assertThat(key.getString("status")).isEqualTo("enabled");
        assertThat(key.getString("description")).isEqualTo("billing <b>server</b>");
        assertThat(database.string("SELECT secret_encrypted FROM access_keys WHERE access_key_id = ?", id)).doesNotContain(secret);
        JsonObject read = ok(superadmin("/v2/access_key/get", "{\"access_key_id\": \"" + id + "\"}"));
        assertThat(read.containsKey("access_key_secret")).as("shown once").isFalse();
        assertThat(read.toString()).doesNotContain(secret);

        // the new key signs requests with its role at once
        AcsSigner newKey = new AcsSigner(server, host(), id, secret);
        assertThat(newKey.post("/v2/user/list", "{\"limit\": 1}", true).send().statusCode()).isEqualTo(200);
        assertError(newKey.post("/v2/access_key/list", "{}", true).send(), 403, "ForbiddenNoPermission");
        assertThat(ok(superadmin("/v2/access_key/get", "{\"access_key_id\": \"" + id + "\"}")).getJsonNumber("last_used_at"))
                .as("last use recorded").isNotNull();

        // paging by key: one per page walks all of them
        Set<String> seen = new HashSet<>();
        String marker = "";
        do {
            JsonObject page = ok(superadmin("/v2/access_key/list", "{\"limit\": 1, \"marker\": \"" + marker + "\"}"));
            assertThat(page.getJsonArray("items")).hasSizeLessThanOrEqualTo(1);
            page.getJsonArray("items").forEach(item -> assertThat(seen.add(item.asJsonObject().getString("access_key_id"))).isTrue());
            marker = page.getString("next_marker");
        } while (!marker.isEmpty());
        assertThat(seen).contains(id, "admin-" + domain, "super-" + domain).doesNotContain(SharedServer.BOOTSTRAP_KEY_ID);

        // bad input, and callers who may not
        assertError(superadmin("/v2/access_key/create", "{\"role\": \"user\"}"), 400, "InvalidParameter.Role");
        assertError(superadmin("/v2/access_key/create", "{}"), 400, "InvalidParameterMissing");
        assertError(superadmin("/v2/access_key/create", "{\"role\": \"admin\", \"description\": \"" + "d".repeat(501) + "\"}"),
                400, "InvalidParameter.Description");
        assertError(superadmin("/v2/access_key/update", "{\"access_key_id\": \"" + id + "\", \"status\": \"paused\"}"),
                400, "InvalidParameter.Status");
        assertError(superadmin("/v2/access_key/list", "{\"marker\": \"bm90LW91cnM\"}"), 400, "InvalidParameter.Marker");
        assertError(superadmin("/v2/access_key/get", "{\"access_key_id\": \"LKNOSUCHKEY\"}"), 404, "NotFound.AccessKey");
        assertError(superadmin("/v2/access_key/get", "{\"access_key_id\": \"" + SharedServer.BOOTSTRAP_KEY_ID + "\"}"),
                404, "NotFound.AccessKey");
        assertError(superadmin("/v2/access_key/delete", "{\"access_key_id\": \"" + SharedServer.BOOTSTRAP_KEY_ID + "\"}"),
                404, "NotFound.AccessKey");
        assertError(admin("/v2/access_key/create", "{\"role\": \"admin\"}"), 403, "ForbiddenNoPermission");
        String userToken = json(superadmin("/v2/user/get_access_token", "{\"user_id\": \"plain\"}")).getString("access_token");
        assertError(bearer("/v2/access_key/list", userToken, "{}"), 403, "ForbiddenNoPermission");
        assertThat(database.count("SELECT count(*) FROM access_keys WHERE domain_id = ?", domain)).as("nothing created by refusals").isEqualTo(3);

        // disabled: refused at once on this node, as an unknown key is; enabled again: works again
        assertThat(ok(superadmin("/v2/access_key/update", "{\"access_key_id\": \"" + id + "\", \"status\": \"disabled\", \"role\": \"superadmin\"}"))
                .getString("status")).isEqualTo("disabled");
        HttpResponse<String> disabled = newKey.post("/v2/user/list", "{}", true).send();
        HttpResponse<String> unknown = new AcsSigner(server, host(), "LKNOSUCHKEY", secret).post("/v2/user/list", "{}", true).send();
        assertThat(disabled.statusCode()).isEqualTo(401);
        assertThat(json(disabled).getString("code")).isEqualTo(json(unknown).getString("code"));
        ok(superadmin("/v2/access_key/update", "{\"access_key_id\": \"" + id + "\", \"status\": \"enabled\"}"));
        assertThat(newKey.post("/v2/access_key/list", "{}", true).send().statusCode()).as("now a superadmin key").isEqualTo(200);

        HttpResponse<String> deleted = superadmin("/v2/access_key/delete", "{\"access_key_id\": \"" + id + "\"}");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(newKey.post("/v2/user/list", "{}", true).send().statusCode()).isEqualTo(401);
        assertError(superadmin("/v2/access_key/get", "{\"access_key_id\": \"" + id + "\"}"), 404, "NotFound.AccessKey");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type LIKE 'access_key.%' AND detail LIKE ?",
                domain, "key " + id + "%")).as("created, 2 updates, deleted").isEqualTo(4);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE detail LIKE ?", "%" + secret + "%")).isZero();
    }

    @Test
    void appsGetTheirSecretOnceAndAreValidatedAndBasicUiIsAllowedAccessButNeverDeleted() throws Exception {
        HttpResponse<String> created = admin("/v2/app/create", "{\"app_name\": \"Portal " + UUID.randomUUID() + "\", \"app_type\": \"WebServer\", "
                + "\"redirect_uri\": \"https://portal.example/cb\", \"scope\": [\"all\"]}");
        assertThat(created.headers().firstValue("Cache-Control")).as("the secret is kept by no cache").hasValue("no-store");
        JsonObject web = ok(created);
        assertThat(web.getString("app_secret")).hasSizeGreaterThanOrEqualTo(43);
        String appId = web.getString("app_id");
        assertThat(ok(admin("/v2/app/get", "{\"app_id\": \"" + appId + "\"}")).containsKey("app_secret")).isFalse();
        assertThat(database.string("SELECT secret_hash FROM apps WHERE domain_id = ? AND app_id = ?", domain, appId))
                .hasSize(64).isNotEqualTo(web.getString("app_secret"));
        JsonObject regenerated = ok(admin("/v2/app/update", "{\"app_id\": \"" + appId + "\", \"regenerate_secret\": true}"));
        assertThat(regenerated.getString("app_secret")).isNotEqualTo(web.getString("app_secret"));

        assertError(admin("/v2/app/create", "{\"app_name\": \"" + web.getString("app_name") + "\", \"app_type\": \"WebServer\", "
                + "\"redirect_uri\": \"https://other.example/cb\"}"), 409, "AlreadyExist.AppName");
        assertError(admin("/v2/app/create", "{\"app_name\": \"Frag\", \"app_type\": \"WebBrowser\", \"redirect_uri\": \"https://x.example/cb#t\"}"),
                400, "InvalidParameter.RedirectUri");
        assertError(admin("/v2/app/create", "{\"app_name\": \"Rel\", \"app_type\": \"Native\", \"redirect_uri\": \"/cb\"}"),
                400, "InvalidParameter.RedirectUri");
        assertError(admin("/v2/app/create", "{\"app_name\": \"Dup\", \"app_type\": \"Native\", \"redirect_uri\": "
                + "[\"http://127.0.0.1/cb\", \"http://127.0.0.1/cb\"]}"), 400, "InvalidParameter.RedirectUri");
        assertError(admin("/v2/app/create", "{\"app_name\": \"Odd\", \"app_type\": \"Mainframe\"}"), 400, "InvalidParameter.AppType");
        assertError(admin("/v2/app/create", "{\"app_name\": \"Spaced\", \"app_type\": \"JWT\", \"scope\": [\"USER.GET\", \"two words\"]}"),
                400, "InvalidParameter.Scope");
        assertError(admin("/v2/app/update", "{\"app_id\": \"" + web.getString("app_id") + "\", \"scope\": [\"all\", \"all\"]}"),
                400, "InvalidParameter.Scope");
        assertError(admin("/v2/app/set_public_key", "{\"app_id\": \"" + appId + "\", \"public_key\": \"x\"}"), 400, "InvalidParameter.AppType");
        JsonObject jwt = ok(admin("/v2/app/create", "{\"app_name\": \"Keyed " + UUID.randomUUID() + "\", \"app_type\": \"JWT\"}"));
        assertError(admin("/v2/app/set_public_key", "{\"app_id\": \"" + jwt.getString("app_id") + "\", \"public_key\": "
                + "\"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\"}"), 400, "InvalidParameter.PublicKey");

        // "Allow Access": the built-in BasicUI is enabled, and cannot be deleted
        JsonObject allowed = ok(admin("/v2/app/update", "{\"app_id\": \"BasicUI\", \"status\": \"enabled\"}"));
        assertThat(allowed.getString("status")).isEqualTo("enabled");
        assertThat(allowed.getBoolean("built_in")).isTrue();
        assertError(admin("/v2/app/delete", "{\"app_id\": \"BasicUI\"}"), 403, "Forbidden.BuiltIn");
        assertThat(admin("/v2/app/delete", "{\"app_id\": \"" + appId + "\"}").statusCode()).isEqualTo(204);
        assertError(admin("/v2/app/get", "{\"app_id\": \"" + appId + "\"}"), 404, "NotFound.App");
    }

    @Test
    void usersArePagedWithMarkersAndKeptConsistent() throws Exception {
        for (int i = 0; i < 5; i++) {
            ok(admin("/v2/user/create", "{\"nick_name\": \"Paged " + i + "\"}"));
        }
        Set<String> seen = new HashSet<>();
        String marker = "";
        int pages = 0;
        do {
            JsonObject page = ok(admin("/v2/user/list", "{\"limit\": 2, \"marker\": \"" + marker + "\"}"));
            JsonArray items = page.getJsonArray("items");
            assertThat(items.size()).isBetween(1, 2);
            items.forEach(item -> assertThat(seen.add(item.asJsonObject().getString("user_id"))).as("no user twice").isTrue());
            marker = page.getString("next_marker");
            pages++;
        } while (!marker.isEmpty() && pages < 20);
        assertThat(seen.size()).isEqualTo(database.count("SELECT count(*) FROM users WHERE domain_id = ?", domain));
        assertError(admin("/v2/user/list", "{\"marker\": \"not-a-marker\"}"), 400, "InvalidParameter.Marker");
        assertError(admin("/v2/user/list", "{\"limit\": 1000}"), 400, "InvalidParameter.Limit");
        assertError(admin("/v2/user/create", "{\"user_id\": \"plain\"}"), 409, "AlreadyExist.User");
        assertError(admin("/v2/user/create", "{\"user_id\": \"bad id/..\"}"), 400, "InvalidParameter.UserId");
        assertError(admin("/v2/user/create", "{\"email\": \"not-an-address\"}"), 400, "InvalidParameter.Email");
        assertError(admin("/v2/user/create", "{\"role\": \"emperor\"}"), 400, "InvalidParameter.Role");
        assertError(admin("/v2/user/get", "{\"user_id\": \"nobody-" + UUID.randomUUID().toString().substring(0, 8) + "\"}"), 404, "NotFound.User");
    }

    @Test
    void rolesDecideWhoMayDoWhatAndTheLastSuperadminStays() throws Exception {
        // an admin key may not make or touch superadmins
        assertError(admin("/v2/user/create", "{\"role\": \"superadmin\"}"), 403, "ForbiddenNoPermission");
        assertError(admin("/v2/user/update", "{\"user_id\": \"root\", \"status\": \"disabled\"}"), 403, "ForbiddenNoPermission");
        assertError(admin("/v2/user/delete", "{\"user_id\": \"root\"}"), 403, "ForbiddenNoPermission");
        // a superadmin key may, but not leave the domain without an enabled superadmin
        assertError(superadmin("/v2/user/update", "{\"user_id\": \"root\", \"role\": \"admin\"}"), 409, "Forbidden.LastSuperadmin");
        assertError(superadmin("/v2/user/update", "{\"user_id\": \"root\", \"status\": \"disabled\"}"), 409, "Forbidden.LastSuperadmin");
        assertError(superadmin("/v2/user/delete", "{\"user_id\": \"root\"}"), 409, "Forbidden.LastSuperadmin");
        assertThat(database.string("SELECT role FROM users WHERE domain_id = ? AND user_id = 'root'", domain)).isEqualTo("SUPERADMIN");
        String second = ok(superadmin("/v2/user/create", "{\"role\": \"superadmin\"}")).getString("user_id");
        assertThat(ok(superadmin("/v2/user/update", "{\"user_id\": \"" + second + "\", \"role\": \"admin\"}")).getString("role"))
                .isEqualTo("admin");

        // a plain user sees and changes only itself, and only its name and picture
        String token = json(superadmin("/v2/user/get_access_token", "{\"user_id\": \"plain\"}")).getString("access_token");
        assertThat(ok(bearer("/v2/user/update", token, "{\"user_id\": \"plain\", \"nick_name\": \"Plainer\"}")).getString("nick_name"))
                .isEqualTo("Plainer");
        assertError(bearer("/v2/user/update", token, "{\"user_id\": \"plain\", \"role\": \"admin\"}"), 403, "ForbiddenNoPermission");
        assertError(bearer("/v2/user/update", token, "{\"user_id\": \"root\", \"nick_name\": \"x\"}"), 403, "ForbiddenNoPermission");
        assertError(bearer("/v2/user/list", token, "{}"), 403, "ForbiddenNoPermission");
        assertError(bearer("/v2/app/list", token, "{}"), 403, "ForbiddenNoPermission");
        assertError(bearer("/v2/domain/get", token, "{}"), 403, "ForbiddenNoPermission");
        assertThat(ok(bearer("/v2/account/get_link_info_by_user_id", token, "{\"user_id\": \"plain\"}")).getJsonArray("items"))
                .hasSize(1);
        // an admin of this domain cannot read another domain
        assertError(admin("/v2/domain/get", "{\"domain_id\": \"default\"}"), 403, "ForbiddenNoPermission");
    }

    @Test
    void identitiesAreLinkedLookedUpAndUnlinked() throws Exception {
        String userId = ok(admin("/v2/user/create", "{\"nick_name\": \"Linked\"}")).getString("user_id");
        JsonObject linked = ok(admin("/v2/account/link", "{\"user_id\": \"" + userId + "\", \"type\": \"mobile\", \"identity\": \"+86 139 1234 0000\"}"));
        assertThat(linked.getString("identity")).isEqualTo("+8613912340000");
        assertError(admin("/v2/account/link", "{\"user_id\": \"" + userId + "\", \"type\": \"mobile\", \"identity\": \"13912340000\"}"),
                409, "AlreadyExist.LinkInfo");
        assertError(admin("/v2/account/link", "{\"user_id\": \"" + userId + "\", \"type\": \"password\", \"identity\": \"x\"}"),
                400, "InvalidParameter.Type");
        assertThat(ok(admin("/v2/account/get_link_info", "{\"type\": \"mobile\", \"identity\": \"139-1234-0000\"}")).getString("user_id"))
                .isEqualTo(userId);
        ok(admin("/v2/account/link", "{\"user_id\": \"" + userId + "\", \"type\": \"dingtalk\", \"identity\": \"union-xyz\"}"));
        assertThat(ok(admin("/v2/account/get_link_info_by_user_id", "{\"user_id\": \"" + userId + "\"}")).getJsonArray("items")).hasSize(2);
        assertThat(admin("/v2/account/unlink", "{\"user_id\": \"" + userId + "\", \"type\": \"dingtalk\", \"identity\": \"union-xyz\"}")
                .statusCode()).isEqualTo(204);
        assertError(admin("/v2/account/unlink", "{\"user_id\": \"" + userId + "\", \"type\": \"dingtalk\", \"identity\": \"union-xyz\"}"),
                404, "NotFound.LinkInfo");
        assertError(admin("/v2/account/get_link_info", "{\"type\": \"dingtalk\", \"identity\": \"union-xyz\"}"), 404, "NotFound.LinkInfo");
    }

    @Test
    void theDomainSwitchesUserSystemsThatHaveUsableSettingsOnly() throws Exception {
        JsonObject domainInfo = ok(admin("/v2/domain/get", "{}"));
        assertThat(domainInfo.getString("domain_id")).isEqualTo(domain);
        assertThat(domainInfo.getJsonObject("user_systems").getBoolean("password")).isTrue();
        // switching sign-in methods off could lock the superadmins out: not an admin's call
        assertError(admin("/v2/domain/update", "{\"user_systems\": {\"password\": false}}"), 403, "ForbiddenNoPermission");
        JsonObject updated = ok(superadmin("/v2/domain/update", "{\"name\": \"Management renamed\", \"user_systems\": {\"mobile\": true}}"));
        assertThat(updated.getString("name")).isEqualTo("Management renamed");
        assertThat(updated.getJsonObject("user_systems").getBoolean("mobile")).isTrue();
        assertError(superadmin("/v2/domain/update", "{\"user_systems\": {\"dingtalk\": true}}"), 400, "InvalidParameter.UserSystems");
        assertError(superadmin("/v2/domain/update", "{\"user_systems\": {\"carrier-pigeon\": true}}"), 400, "InvalidParameter.UserSystems");
        assertThat(ok(superadmin("/v2/domain/update", "{\"user_systems\": {\"mobile\": false}}")).getJsonObject("user_systems")
                .getBoolean("mobile")).isFalse();
    }

    @Test
    void anAdminCannotTakeOverASuperadminAndATenantsSuperadminNeverReachesAnotherDomain() throws Exception {
        // a phone number the admin controls, linked to a superadmin, would let the admin sign in as one
        String phone = "{\"user_id\": \"root\", \"type\": \"mobile\", \"identity\": \"+86 139 0000 1111\"}";
        assertError(admin("/v2/account/link", phone), 403, "ForbiddenNoPermission");
        assertThat(database.count("SELECT count(*) FROM identities i JOIN users u ON i.user_ref = u.id "
                + "WHERE u.domain_id = ? AND u.user_id = 'root'", domain)).as("nothing linked").isZero();
        ok(superadmin("/v2/account/link", phone));
        assertError(admin("/v2/account/unlink", phone), 403, "ForbiddenNoPermission");
        assertThat(superadmin("/v2/account/unlink", phone).statusCode()).isEqualTo(204);

        // the platform's domains are for the platform's superadmins (the default domain's), not a tenant's
        assertError(superadmin("/v2/domain/get", "{\"domain_id\": \"default\"}"), 403, "ForbiddenNoPermission");
        assertError(superadmin("/v2/domain/update", "{\"domain_id\": \"default\", \"name\": \"Taken\"}"), 403, "ForbiddenNoPermission");
        assertError(superadmin("/v2/domain/import", "{\"domain_id\": \"default\", \"users\": [{\"user_id\": \"intruder\", "
                + "\"role\": \"superadmin\"}]}"), 403, "ForbiddenNoPermission");
        assertError(superadmin("/v2/domain/import", "{\"domain_id\": \"new-" + domain + "\"}"), 403, "ForbiddenNoPermission");
        assertThat(database.count("SELECT count(*) FROM users WHERE domain_id = 'default' AND user_id = 'intruder'")).isZero();
        assertThat(database.count("SELECT count(*) FROM domains WHERE domain_id = ?", "new-" + domain)).isZero();
    }

    @Test
    void anAppWithServiceTokensIsASuperadminsToChangeAndItsTokensStopWithIt() throws Exception {
        String appId = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        KeyPair pair = TestKeys.pair("RSA");
        String file = Json.createObjectBuilder().add("domain_id", domain).add("apps", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("app_id", appId).add("type", "JWT").add("service_tokens", true)
                        .add("public_keys", Json.createArrayBuilder().add(Json.createObjectBuilder().add("kid", "s1")
                                .add("pem", TestKeys.pem(pair.getPublic())))))).build().toString();
        ok(superadmin("/v2/domain/import", file));
        Instant now = Instant.now();
        String assertion = JWT.create().withIssuer(appId).withSubject(domain).withClaim("sub_type", "service").withAudience(domain)
                .withJWTId(UUID.randomUUID().toString()).withIssuedAt(now).withExpiresAt(now.plusSeconds(60)).withKeyId("s1")
                .sign(Algorithm.RSA256(null, (RSAPrivateKey) pair.getPrivate()));
        String serviceToken = ok(grant(assertion)).getString("access_token");
        ok(bearer("/v2/user/list", serviceToken, "{}"));

        // whoever holds its keys holds superadmin rights: an admin may not re-key, change or delete it
        String app = "{\"app_id\": \"" + appId + "\"";
        assertError(admin("/v2/app/set_public_key", app + ", \"generate\": true}"), 403, "ForbiddenNoPermission");
        assertError(admin("/v2/app/update", app + ", \"app_name\": \"Mine now\"}"), 403, "ForbiddenNoPermission");
        assertError(admin("/v2/app/delete", app + "}"), 403, "ForbiddenNoPermission");
        assertThat(database.count("SELECT count(*) FROM app_public_keys k JOIN apps a ON k.app_ref = a.id WHERE a.app_id = ?", appId))
                .as("its key is the one imported").isEqualTo(1);

        // its service token works only while the app is enabled
        ok(superadmin("/v2/app/update", app + ", \"status\": \"disabled\"}"));
        assertError(bearer("/v2/user/list", serviceToken, "{}"), 401, "AccessTokenInvalid");
    }

    @Test
    void aNewUserWithADeletedUsersIdDoesNotInheritItsTokens() throws Exception {
        String userId = "phoenix-" + UUID.randomUUID().toString().substring(0, 8);
        String user = "{\"user_id\": \"" + userId + "\"}";
        ok(superadmin("/v2/user/create", user));
        String token = json(superadmin("/v2/user/get_access_token", user)).getString("access_token");
        assertThat(ok(bearer("/v2/user/get", token, "{}")).getString("user_id")).isEqualTo(userId);
        assertThat(superadmin("/v2/user/delete", user).statusCode()).isEqualTo(204);
        Thread.sleep(1100); // a token's issue time is in whole seconds: the new user must come at least a second later
        ok(superadmin("/v2/user/create", user));
        assertError(bearer("/v2/user/get", token, "{}"), 401, "AccessTokenInvalid");
    }

    @Test
    void aBodyLargerThanTheApiTakesIsRefusedBeforeAnythingReadsIt() throws Exception {
        assertError(admin("/v2/user/create", "{\"nick_name\": \"" + "x".repeat(70_000) + "\"}"), 413, "InvalidParameter.Body");
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/account/login"))
                .header("Host", host()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone_number\": \"" + "1".repeat(1_000_000) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(anonymous, 413, "InvalidParameter.Body");
    }

    private HttpResponse<String> grant(String assertion) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/oauth/token"))
                .header("Host", host()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormData.encode(Map.of("grant_type",
                        "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", assertion)))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void microProfileOpenApiDescribesTheApi() throws Exception {
        HttpResponse<String> openapi = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/openapi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("title: Lanyard API").contains("accessKey:")
                .contains("/v2/user/create").contains("/v2/app/set_public_key").contains("/v2/account/get_link_info_by_user_id")
                .contains("/v2/domain/update").contains("/v2/user/get_access_token");
    }

    // ---- helpers ----

    private HttpResponse<String> admin(String path, String body) throws Exception {
        return new AcsSigner(server, host(), "admin-" + domain, SECRET).post(path, body, true).send();
    }

    private HttpResponse<String> superadmin(String path, String body) throws Exception {
        return new AcsSigner(server, host(), "super-" + domain, SECRET).post(path, body, true).send();
    }

    private HttpResponse<String> bearer(String path, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Host", host())
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String host() {
        return domain + SharedServer.HOST_SUFFIX + ":" + server.port();
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject error = json(response);
        assertThat(error.getString("code")).as(response.body()).isEqualTo(code);
        assertThat(error.getString("request_id")).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception");
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
