package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's Domains tab on the real WAR, as plain form posts: a platform operator (superadmin of the default
 * domain) creates a domain with its first superadmin, switches the console to it and back, and every change lands in
 * the managed domain; bad fields are named next to them; tenants' superadmins and the default domain's admins get 403.
 */
@ExtendWith(SharedServer.class)
class DomainsConsoleIT {

    private static final String OWNER_PASSWORD = "domains-owner-password-1";

    private final LanyardServer server;
    private final TestDatabase database;

    DomainsConsoleIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @Test
    void anOperatorCreatesADomainWithItsFirstSuperadminAndManagesIt() throws Exception {
        WebSession operator = operator();
        Document page = operator.page("/admin/domains.xhtml");
        assertThat(page.select(".domain-id")).isNotEmpty().hasSizeLessThanOrEqualTo(50);
        assertThat(page.getElementById("tab-domains")).isNotNull();
        // keyset paging by id: the page after "defaul" starts with the default domain
        assertThat(operator.page("/admin/domains.xhtml?after=defaul").select(".domain-id").first().text()).isEqualTo("default");

        // a leading digit sorts before the other tests' domains: the new one is on the first page of 50
        String id = "0" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = operator.submit(page, "create-form", Map.of("create-form:domain-id", id,
                "create-form:name", "New <b>Tenant</b>", "create-form:admin-user-id", "owner", "create-form:admin-password", OWNER_PASSWORD));
        Document answer = Jsoup.parse(created.body(), created.uri().toString());
        assertThat(answer.getElementById("new-domain")).as(created.body()).isNotNull();
        assertThat(answer.select(".domain-id").eachText()).as("the answer lists the new domain").contains(id);
        assertThat(created.body()).as("the password is never shown back").doesNotContain(OWNER_PASSWORD);
        assertThat(database.string("SELECT name FROM domains WHERE domain_id = ?", id)).isEqualTo("New <b>Tenant</b>");
        assertThat(database.string("SELECT status FROM apps WHERE domain_id = ? AND app_id = 'BasicUI'", id)).isEqualTo("DISABLED");
        assertThat(database.count("SELECT count(*) FROM domain_user_systems WHERE domain_id = ? AND user_system = 'password' AND enabled",
                id)).isEqualTo(1);
        assertThat(database.string("SELECT role FROM users WHERE domain_id = ? AND user_id = 'owner'", id)).isEqualTo("SUPERADMIN");
        assertThat(database.string("SELECT subject FROM audit_events WHERE domain_id = ? AND event_type = 'domain.created'", id))
                .endsWith("@default");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = 'default' AND event_type = 'domain.created' "
                + "AND detail LIKE ?", "domain " + id + "%")).isEqualTo(1);

        // the first superadmin signs in on the domain's own host
        WebSession owner = WebSession.signedIn(server, id, "owner", OWNER_PASSWORD);
        assertThat(owner.page("/admin/").getElementById("domain-id").text()).isEqualTo(id);

        String token = answer.selectFirst("input[name=_csrf]").val();
        assertThat(operator.post("/admin/manage-domain", Map.of("_csrf", token, "domain", "no-such-domain")).statusCode()).isEqualTo(403);
        assertThat(operator.post("/admin/manage-domain", Map.of("domain", id)).statusCode()).as("without its CSRF token").isEqualTo(403);
        assertThat(operator.page("/admin/").getElementById("domain-id").text()).isEqualTo("default");

        // a form of the operator's own domain, left open in another tab while they switch
        Document staleTab = operator.page("/admin/users.xhtml");

        // the operator switches the console to the new domain: overview, users, and changes land there
        HttpResponse<String> switched = operator.submit(answer, "manage-new-form", Map.of());
        assertThat(switched.statusCode()).as(operator.describeLast()).isEqualTo(303);
        HttpResponse<String> fromStaleTab = operator.submit(staleTab, "create-form",
                Map.of("create-form:user-id", "from-a-stale-tab", "create-form:role", "user"));
        assertThat(fromStaleTab.statusCode()).as("a form rendered for the domain managed before the switch").isEqualTo(403);
        assertThat(database.count("SELECT count(*) FROM users WHERE user_id = 'from-a-stale-tab'")).isZero();
        Document overview = operator.page("/admin/");
        assertThat(overview.getElementById("domain-id").text()).isEqualTo(id);
        assertThat(overview.getElementById("managing").text()).contains(id);
        assertThat(overview.getElementById("domain-name").text()).as("the name is text").isEqualTo("New <b>Tenant</b>");
        HttpResponse<String> user = operator.submit(operator.page("/admin/users.xhtml"), "create-form",
                Map.of("create-form:user-id", "made-by-operator", "create-form:role", "user"));
        assertThat(Jsoup.parse(user.body()).getElementById("new-user")).as(user.body()).isNotNull();
        assertThat(database.count("SELECT count(*) FROM users WHERE domain_id = ? AND user_id = 'made-by-operator'", id)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM users WHERE domain_id = 'default' AND user_id = 'made-by-operator'")).isZero();
        assertThat(database.string("SELECT subject FROM audit_events WHERE domain_id = ? AND event_type = 'user.created' "
                + "AND user_id = 'made-by-operator'", id)).endsWith("@default");
        Document domains = operator.page("/admin/domains.xhtml");
        assertThat(domains.select("span.current").size()).isEqualTo(1);

        // and back to the operator's own domain
        HttpResponse<String> home = operator.submit(operator.page("/admin/"), "home-form", Map.of());
        assertThat(home.statusCode()).isEqualTo(303);
        Document back = operator.page("/admin/");
        assertThat(back.getElementById("domain-id").text()).isEqualTo("default");
        assertThat(back.getElementById("managing")).isNull();
    }

    @Test
    void badFieldsAreNamedNextToThemAndNothingIsCreated() throws Exception {
        WebSession operator = operator();
        Document page = operator.page("/admin/domains.xhtml");
        long domains = database.count("SELECT count(*) FROM domains");
        String fresh = "b" + UUID.randomUUID().toString().substring(0, 8);
        for (String badId : new String[] {"Upper", "-dash-first", "under_score", "dot.ted", "x".repeat(64), "", "../etc"}) {
            assertThat(fieldError(operator.submit(page, "create-form", Map.of("create-form:domain-id", badId)), "domain-id"))
                    .as(badId).contains("lower-case letters");
        }
        assertThat(fieldError(operator.submit(page, "create-form", Map.of("create-form:domain-id", "default")), "domain-id"))
                .contains("exists");
        assertThat(fieldError(operator.submit(page, "create-form", Map.of("create-form:domain-id", fresh, "create-form:name", "n".repeat(201))),
                "name")).contains("at most 200");
        assertThat(fieldError(operator.submit(page, "create-form", Map.of("create-form:domain-id", fresh, "create-form:admin-user-id", "owner")),
                "admin-password")).contains("both");
        assertThat(fieldError(operator.submit(page, "create-form", Map.of("create-form:domain-id", fresh,
                "create-form:admin-password", OWNER_PASSWORD)), "admin-user-id")).contains("both");
        assertThat(fieldError(operator.submit(page, "create-form", Map.of("create-form:domain-id", fresh, "create-form:admin-user-id", "owner",
                "create-form:admin-password", "short-one")), "admin-password")).contains("at least 16");
        assertThat(fieldError(operator.submit(page, "create-form", Map.of("create-form:domain-id", fresh, "create-form:admin-user-id", "../x",
                "create-form:admin-password", OWNER_PASSWORD)), "admin-user-id")).contains("1 to 64 letters");
        Map<String, String> withoutToken = new HashMap<>(Map.of("create-form:domain-id", fresh));
        withoutToken.put("_csrf", null);
        assertThat(operator.submit(page, "create-form", withoutToken).statusCode()).isEqualTo(403);
        assertThat(database.count("SELECT count(*) FROM domains")).as("nothing was created").isEqualTo(domains);
    }

    @Test
    void onlyThePlatformsOperatorsReachTheDomainsTab() throws Exception {
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        SharedServer.importDomain(server, """
                {"domain_id": "%s", "name": "Tenant", "user_systems": {"password": {"enabled": true}},
                 "users": [{"user_id": "root", "role": "superadmin", "password": "%s"}]}
                """.formatted(tenant, OWNER_PASSWORD));
        database.createPasswordUser("default", "helper-" + tenant, OWNER_PASSWORD, "ADMIN", "ENABLED");

        WebSession tenantRoot = WebSession.signedIn(server, tenant, "root", OWNER_PASSWORD);
        assertThat(tenantRoot.get("/admin/domains.xhtml").statusCode()).as("a tenant's superadmin").isEqualTo(403);
        assertThat(tenantRoot.get("/admin/domains.xhtml").body()).doesNotContain("default");
        Document tenantOverview = tenantRoot.page("/admin/");
        assertThat(tenantOverview.getElementById("tab-domains")).isNull();
        String token = tenantOverview.selectFirst("input[name=_csrf]").val();
        assertThat(tenantRoot.post("/admin/manage-domain", Map.of("_csrf", token, "domain", "default")).statusCode())
                .as("a tenant's superadmin cannot switch to another domain").isEqualTo(403);
        assertThat(tenantRoot.page("/admin/").getElementById("domain-id").text()).isEqualTo(tenant);

        WebSession helper = new WebSession(server);
        assertThat(helper.login("helper-" + tenant, OWNER_PASSWORD).statusCode()).as(helper.describeLast()).isEqualTo(302);
        assertThat(helper.get("/admin/domains.xhtml").statusCode()).as("an admin of the default domain").isEqualTo(403);
        assertThat(helper.page("/admin/").getElementById("domain-id").text()).isEqualTo("default");
    }

    private WebSession operator() {
        WebSession operator = new WebSession(server);
        HttpResponse<String> login = operator.login("admin", LanyardServer.ADMIN_PASSWORD);
        assertThat(login.statusCode()).as(operator.describeLast()).isEqualTo(302);
        return operator;
    }

    private static String fieldError(HttpResponse<String> response, String field) {
        Element message = Jsoup.parse(response.body()).getElementById("create-form:" + field + "-message");
        assertThat(message).as(response.body()).isNotNull();
        return message.text();
    }
}
