package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's Users tab on the real WAR, as plain form posts: search by user_id, nick name, phone and e-mail, paging
 * without duplicates, create (with each bad field), role and status with the last-superadmin guard and the
 * superadmin-only rule, linked identities, revoke all sessions (browser sessions and refresh token families), another
 * domain's user by id (403, nothing shown), forms without their CSRF token, an XSS payload as a nick name.
 */
@ExtendWith(SharedServer.class)
class UsersConsoleIT {

    private static final String ROOT_PASSWORD = "users-root-password-1";
    private static final String ADMIN_PASSWORD = "users-admin-password-1";
    private static final String PLAIN_PASSWORD = "users-plain-password-1";
    private static final String ACCESS_KEY_SECRET = "users-access-key-secret-0123456789";
    private static String domain;
    private static String otherDomain;

    private final LanyardServer server;
    private final TestDatabase database;

    UsersConsoleIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeAll
    static void twoDomains(LanyardServer server, TestDatabase database) throws Exception {
        domain = "u" + UUID.randomUUID().toString().substring(0, 8);
        otherDomain = "v" + UUID.randomUUID().toString().substring(0, 8);
        for (String id : new String[] {domain, otherDomain}) {
            String file = """
                    {"domain_id": "%s", "name": "Users %s",
                     "user_systems": {"password": {"enabled": true}},
                     "users": [{"user_id": "root", "nick_name": "Root", "role": "superadmin", "password": "%s"},
                               {"user_id": "boss", "nick_name": "Boss", "role": "admin", "password": "%s"},
                               {"user_id": "plain", "nick_name": "Plain Person", "password": "%s",
                                "phone": "+8613800138123", "email": "Plain.Person@Example.com"}],
                     "access_keys": [{"id": "ak-%s", "secret": "%s", "role": "admin", "description": "billing server"}]}
                    """.formatted(id, id, ROOT_PASSWORD, ADMIN_PASSWORD, PLAIN_PASSWORD, id, ACCESS_KEY_SECRET);
            SharedServer.importDomain(server, file);
        }
        database.addIdentity(domain, "plain", "mobile", "+8613800138123");
    }

    @Test
    void searchFindsUsersByIdNickNamePhoneAndEmail() throws Exception {
        WebSession boss = signedIn("boss", ADMIN_PASSWORD);
        assertThat(userIds(boss.page("/admin/users.xhtml"))).contains("root", "boss", "plain");
        assertThat(boss.last().headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(userIds(boss.page("/admin/users.xhtml?q=PLAI"))).containsExactly("plain");
        assertThat(userIds(boss.page("/admin/users.xhtml?q=person"))).containsExactly("plain");
        assertThat(userIds(boss.page("/admin/users.xhtml?q=138%200013%208123"))).as("phone as typed").containsExactly("plain");
        assertThat(userIds(boss.page("/admin/users.xhtml?q=plain.person%40example"))).as("e-mail").containsExactly("plain");
        Document none = boss.page("/admin/users.xhtml?q=%25");
        assertThat(userIds(none)).as("a LIKE wildcard is literal").isEmpty();
        assertThat(none.getElementById("no-users")).isNotNull();
        assertThat(userIds(boss.page("/admin/users.xhtml?q=_"))).isEmpty();
        // the other domain's users of the same ids are not this domain's
        assertThat(boss.page("/admin/users.xhtml").body().text()).doesNotContain(otherDomain);
    }

    @Test
    void usersPageFiftyAtATimeWithoutDuplicates() throws Exception {
        String pagingDomain = "p" + UUID.randomUUID().toString().substring(0, 8);
        SharedServer.importDomain(server, """
                {"domain_id": "%s", "name": "Paging", "user_systems": {"password": {"enabled": true}},
                 "users": [{"user_id": "root", "role": "superadmin", "password": "%s"}]}
                """.formatted(pagingDomain, ROOT_PASSWORD));
        for (int i = 0; i < 60; i++) {
            database.createPasswordUser(pagingDomain, "many-" + i, "many-password-0123", "USER", "ENABLED");
        }
        WebSession root = signedIn("root", ROOT_PASSWORD, pagingDomain);
        Document first = root.page("/admin/users.xhtml?q=many");
        List<String> firstIds = userIds(first);
        assertThat(firstIds).hasSize(50);
        String next = first.getElementById("next-page").attr("href");
        assertThat(next).contains("q=many").contains("after=");
        Document second = root.page(next.substring(next.indexOf("/admin/")));
        List<String> secondIds = userIds(second);
        assertThat(secondIds).hasSize(10);
        Set<String> all = new HashSet<>(firstIds);
        all.addAll(secondIds);
        assertThat(all).hasSize(60);
        assertThat(second.getElementById("next-page")).isNull();
        assertThat(root.page("/admin/users.xhtml?after=not-a-number").getElementById("users")).as("a broken link starts over").isNotNull();
    }

    @Test
    void anAdminCreatesUsersAndEachBadFieldIsNamedNextToIt() throws Exception {
        WebSession boss = signedIn("boss", ADMIN_PASSWORD);
        String id = "new-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = create(boss, Map.of("create-form:user-id", id, "create-form:nick-name", "Newcomer",
                "create-form:phone", "139 0013 9000", "create-form:email", "new@example.com"));
        Document answer = Jsoup.parse(created.body());
        assertThat(answer.getElementById("new-user")).as(created.body()).isNotNull();
        assertThat(database.string("SELECT phone FROM users WHERE domain_id = ? AND user_id = ?", domain, id)).isEqualTo("+8613900139000");
        assertThat(database.string("SELECT role FROM users WHERE domain_id = ? AND user_id = ?", domain, id)).isEqualTo("USER");
        assertThat(auditCount("user.created", id)).isEqualTo(1);

        long users = userCount();
        assertThat(fieldError(create(boss, Map.of("create-form:user-id", id)), "user-id")).contains("Another user of this domain");
        assertThat(fieldError(create(boss, Map.of("create-form:user-id", "../etc")), "user-id")).contains("1 to 64 letters");
        assertThat(fieldError(create(boss, Map.of("create-form:user-id", "x".repeat(65))), "user-id")).contains("1 to 64 letters");
        assertThat(fieldError(create(boss, Map.of("create-form:nick-name", "n".repeat(129))), "nick-name")).contains("at most 128");
        assertThat(fieldError(create(boss, Map.of("create-form:phone", "12")), "phone")).contains("not a phone number");
        assertThat(fieldError(create(boss, Map.of("create-form:email", "not-an-address")), "email")).contains("not an e-mail");
        assertThat(fieldError(create(boss, Map.of("create-form:role", "superadmin")), "role")).contains("Only a superadmin");
        assertThat(userCount()).as("nothing was created by a refused form").isEqualTo(users);
    }

    @Test
    void theLastSuperadminCannotBeDemotedAndAnAdminCannotTouchASuperadmin() throws Exception {
        String guardDomain = "g" + UUID.randomUUID().toString().substring(0, 8);
        SharedServer.importDomain(server, """
                {"domain_id": "%s", "name": "Guard", "user_systems": {"password": {"enabled": true}},
                 "users": [{"user_id": "root", "role": "superadmin", "password": "%s"},
                           {"user_id": "boss", "role": "admin", "password": "%s"},
                           {"user_id": "plain", "password": "%s"}]}
                """.formatted(guardDomain, ROOT_PASSWORD, ADMIN_PASSWORD, PLAIN_PASSWORD));
        WebSession root = signedIn("root", ROOT_PASSWORD, guardDomain);
        Document self = root.page("/admin/user.xhtml?user=root");
        HttpResponse<String> demoted = root.submit(self, "role-form", Map.of("role-form:role", "admin", "role-form:status", "enabled"));
        assertThat(fieldError(demoted, "role", "role-form")).contains("last enabled superadmin");
        HttpResponse<String> disabled = root.submit(self, "role-form", Map.of("role-form:role", "superadmin", "role-form:status", "disabled"));
        assertThat(fieldError(disabled, "role", "role-form")).contains("last enabled superadmin");
        assertThat(database.string("SELECT role FROM users WHERE domain_id = ? AND user_id = 'root'", guardDomain)).isEqualTo("SUPERADMIN");
        assertThat(database.string("SELECT status FROM users WHERE domain_id = ? AND user_id = 'root'", guardDomain)).isEqualTo("ENABLED");

        // an admin sees a superadmin but cannot change one, nor make one
        WebSession boss = signedIn("boss", ADMIN_PASSWORD, guardDomain);
        Document rootPage = boss.page("/admin/user.xhtml?user=root");
        assertThat(rootPage.getElementById("user-id").text()).isEqualTo("root");
        assertThat(rootPage.getElementById("role-form")).isNull();
        Document plain = boss.page("/admin/user.xhtml?user=plain");
        HttpResponse<String> promoted = boss.submit(plain, "role-form", Map.of("role-form:role", "superadmin", "role-form:status", "enabled"));
        assertThat(fieldError(promoted, "role", "role-form")).contains("Only a superadmin");
        HttpResponse<String> madeAdmin = boss.submit(plain, "role-form", Map.of("role-form:role", "admin", "role-form:status", "disabled"));
        assertThat(madeAdmin.statusCode()).as(boss.describeLast()).isEqualTo(302);
        assertThat(database.string("SELECT role FROM users WHERE domain_id = ? AND user_id = 'plain'", guardDomain)).isEqualTo("ADMIN");
        assertThat(database.string("SELECT status FROM users WHERE domain_id = ? AND user_id = 'plain'", guardDomain)).isEqualTo("DISABLED");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'user.updated' AND user_id = 'plain' "
                + "AND subject = 'boss'", guardDomain)).isEqualTo(1);
    }

    @Test
    void aUsersPageShowsLinkedMethodsAndRevokingEndsTheirSessionsAndRefreshFamilies() throws Exception {
        WebSession plain = signedIn("plain", PLAIN_PASSWORD);
        assertThat(plain.get("/account/").statusCode()).isEqualTo(200);
        insertFamily("fam-plain-" + UUID.randomUUID(), "plain");
        insertFamily("fam-root-" + UUID.randomUUID(), "root");

        WebSession boss = signedIn("boss", ADMIN_PASSWORD);
        Document page = boss.page("/admin/user.xhtml?user=plain");
        assertThat(page.select("#identities td").eachText()).contains("password", "mobile", "+8613800138123");
        assertThat(page.select("#revoke-form input[type=submit]").attr("data-confirm")).as("asks first").isNotBlank();
        HttpResponse<String> revoked = boss.submit(page, "revoke-form", Map.of());
        assertThat(Jsoup.parse(revoked.body()).getElementById("revoked").text()).as(revoked.body()).endsWith("1");
        assertThat(database.count("SELECT count(*) FROM refresh_families WHERE domain_id = ? AND user_id = 'plain' AND revoked_at IS NULL", domain))
                .isZero();
        assertThat(database.count("SELECT count(*) FROM refresh_families WHERE domain_id = ? AND user_id = 'root' AND revoked_at IS NULL", domain))
                .as("only this user's").isEqualTo(1);
        assertThat(auditCount("user.sessions_revoked", "plain")).isEqualTo(1);

        HttpResponse<String> after = plain.get("/account/");
        assertThat(after.statusCode()).as("the browser session is over").isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).as("to the logon page").isPresent();
        assertThat(boss.get("/admin/users.xhtml").statusCode()).as("the admin's own session goes on").isEqualTo(200);
        // signing in again works: only sessions from before the revocation are over
        assertThat(signedIn("plain", PLAIN_PASSWORD).get("/account/").statusCode()).isEqualTo(200);
    }

    @Test
    void theAccountPortalListsAppSessionsAndTokensMintedOnTheUsersBehalfAndRevokesThem() throws Exception {
        String plainFamily = "fam-portal-" + UUID.randomUUID();
        String otherFamily = "fam-portal-other-" + UUID.randomUUID();
        insertFamily(plainFamily, "plain");
        insertFamily(otherFamily, "plain");
        String rootFamily = "fam-portal-root-" + UUID.randomUUID();
        insertFamily(rootFamily, "root");
        HttpResponse<String> minted = new dev.lanyard.it.support.AcsSigner(server, domain + SharedServer.HOST_SUFFIX + ":" + server.port(), "ak-" + domain,
                ACCESS_KEY_SECRET).post("/v2/user/get_access_token", "{\"user_id\": \"plain\"}", true).send();
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);

        WebSession plain = signedIn("plain", PLAIN_PASSWORD);
        Document portal = plain.page("/account/");
        assertThat(portal.select("#sessions tbody tr")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(portal.select("#on-behalf .on-behalf-source").eachText()).contains("accesskey:ak-" + domain);
        assertThat(portal.html()).doesNotContain(rootFamily);

        // revoke one: only that family, and only if it is the user's own
        org.jsoup.nodes.Element firstRevoke = portal.selectFirst("#sessions tbody tr form");
        HttpResponse<String> revoked = plain.submit(portal, firstRevoke.id(), Map.of());
        assertThat(revoked.statusCode()).as(plain.describeLast()).isEqualTo(302);
        long usable = database.count("SELECT count(*) FROM refresh_families WHERE domain_id = ? AND user_id = 'plain' AND revoked_at IS NULL", domain);
        assertThat(usable).isGreaterThanOrEqualTo(1);
        Document again = plain.page("/account/");
        assertThat(again.select("#sessions tbody tr")).hasSize((int) usable);

        Map<String, String> withoutToken = new HashMap<>();
        withoutToken.put("_csrf", null);
        assertThat(plain.submit(again, "revoke-all-form", withoutToken).statusCode()).isEqualTo(403);
        assertThat(database.count("SELECT count(*) FROM refresh_families WHERE domain_id = ? AND user_id = 'plain' AND revoked_at IS NULL", domain))
                .as("a form without its CSRF token revokes nothing").isEqualTo(usable);
        HttpResponse<String> all = plain.submit(again, "revoke-all-form", Map.of());
        assertThat(all.statusCode()).isEqualTo(302);
        assertThat(database.count("SELECT count(*) FROM refresh_families WHERE domain_id = ? AND user_id = 'plain' AND revoked_at IS NULL", domain))
                .isZero();
        assertThat(database.count("SELECT count(*) FROM refresh_families WHERE family_id = ? AND revoked_at IS NULL", rootFamily))
                .as("another user's session is untouched").isEqualTo(1);
        assertThat(plain.page("/account/").getElementById("no-sessions")).as("this browser stays signed in").isNotNull();
    }

    @Test
    void anotherDomainsUserByIdIsForbiddenAndShowsNothing() throws Exception {
        WebSession root = signedIn("root", ROOT_PASSWORD);
        String otherOnly = database.createPasswordUser(otherDomain, "elsewhere", "elsewhere-password-1", "USER", "ENABLED");
        for (String id : List.of(otherOnly, "no-such-user", "x".repeat(300))) {
            HttpResponse<String> response = root.get("/admin/user.xhtml?user=" + id);
            assertThat(response.statusCode()).as(id).isEqualTo(403);
            assertThat(response.body()).doesNotContain("elsewhere").doesNotContain("role-form");
        }
        assertThat(root.get("/admin/user.xhtml").statusCode()).isEqualTo(403);
        WebSession plain = signedIn("plain", PLAIN_PASSWORD);
        assertThat(plain.get("/admin/users.xhtml").statusCode()).as("a plain user is no administrator").isEqualTo(403);
    }

    @Test
    void formsWithoutTheirCsrfTokenChangeNothing() throws Exception {
        WebSession root = signedIn("root", ROOT_PASSWORD);
        long users = userCount();
        Map<String, String> withoutToken = new HashMap<>(Map.of("create-form:user-id", "csrf-" + UUID.randomUUID().toString().substring(0, 6),
                "create-form:role", "user"));
        withoutToken.put("_csrf", null);
        assertThat(root.submit(root.page("/admin/users.xhtml"), "create-form", withoutToken).statusCode()).isEqualTo(403);
        Map<String, String> roleWithoutToken = new HashMap<>(Map.of("role-form:role", "admin", "role-form:status", "enabled"));
        roleWithoutToken.put("_csrf", "forged");
        assertThat(root.submit(root.page("/admin/user.xhtml?user=plain"), "role-form", roleWithoutToken).statusCode()).isEqualTo(403);
        Map<String, String> revokeWithoutToken = new HashMap<>();
        revokeWithoutToken.put("_csrf", null);
        assertThat(root.submit(root.page("/admin/user.xhtml?user=plain"), "revoke-form", revokeWithoutToken).statusCode()).isEqualTo(403);
        assertThat(userCount()).isEqualTo(users);
        assertThat(database.string("SELECT role FROM users WHERE domain_id = ? AND user_id = 'plain'", domain)).isEqualTo("USER");
        assertThat(auditCount("user.sessions_revoked", "plain")).as("not revoked by a forged form").isLessThanOrEqualTo(1);
    }

    @Test
    void anXssNickNameIsInertOnTheListAndTheUsersPage() throws Exception {
        WebSession root = signedIn("root", ROOT_PASSWORD);
        String payload = "<img src=x onerror=alert(1)>";
        String id = "xss-" + UUID.randomUUID().toString().substring(0, 6);
        create(root, Map.of("create-form:user-id", id, "create-form:nick-name", payload));
        for (String path : List.of("/admin/users.xhtml?q=" + id, "/admin/user.xhtml?user=" + id)) {
            HttpResponse<String> response = root.get(path);
            assertThat(response.body()).as(path).doesNotContain(payload).contains("&lt;img src=x onerror=alert(1)&gt;");
            assertThat(Jsoup.parse(response.body()).select("img[onerror]")).isEmpty();
        }
    }

    private void insertFamily(String familyId, String userId) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        database.update("INSERT INTO refresh_families (family_id, domain_id, app_id, user_id, scope, auth_time, created_at, expires_at) "
                + "VALUES (?, ?, 'BasicUI', ?, 'all', ?, ?, ?)", familyId, domain, userId, now, now, now.plusDays(30));
    }

    /** The create form with {@code fields}; the role is "user" unless given (the helper posts inputs, not selects). */
    private HttpResponse<String> create(WebSession session, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(Map.of("create-form:role", "user"));
        form.putAll(fields);
        return session.submit(session.page("/admin/users.xhtml"), "create-form", form);
    }

    private static String fieldError(HttpResponse<String> response, String field) {
        return fieldError(response, field, "create-form");
    }

    private static String fieldError(HttpResponse<String> response, String field, String form) {
        Element message = Jsoup.parse(response.body()).getElementById(form + ":" + field + "-message");
        assertThat(message).as(response.body()).isNotNull();
        return message.text();
    }

    private static List<String> userIds(Document page) {
        return page.select("#users code.user-id").eachText();
    }

    private long userCount() throws Exception {
        return database.count("SELECT count(*) FROM users WHERE domain_id = ?", domain);
    }

    private long auditCount(String event, String userId) throws Exception {
        return database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = ? AND user_id = ?", domain, event, userId);
    }

    private WebSession signedIn(String user, String password) {
        return signedIn(user, password, domain);
    }

    private WebSession signedIn(String user, String password, String domainId) {
        return WebSession.signedIn(server, domainId, user, password);
    }
}
