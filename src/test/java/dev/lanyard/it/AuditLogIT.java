package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin console's audit log on the real WAR: filters, paging, the chart, the CSV export, and what it refuses. */
@ExtendWith(SharedServer.class)
class AuditLogIT {

    private static final String FORMULA_NAME = "=HYPERLINK(\"http://evil.example\",\"open\")<script>alert(1)</script>";

    private final LanyardServer server;
    private final TestDatabase database;
    private String userId;

    AuditLogIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    /** 60 sign-in events of one new user in the last hour, every other one a failure; the newest names a formula. */
    @BeforeEach
    void sixtyEvents() throws Exception {
        userId = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        long firstId = -ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000_000L) * 100;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 60; i++) {
            boolean failure = i % 2 == 1;
            event(firstId - i, "default", failure ? "login.failure" : "login.success", i == 0 ? FORMULA_NAME : "password",
                    failure ? "-2+3 wrong password" : null, now.minusSeconds(30L * i));
        }
        // the same user id in another domain: never shown to this domain's administrators
        event(firstId - 60, "elsewhere-" + userId, "login.success", "password", null, now);
    }

    @Test
    void administratorsFilterPageThroughAndSeeTheChart() {
        WebSession admin = superadmin();
        Document first = admin.page("/admin/audit.xhtml?user=" + userId);
        assertThat(admin.last().statusCode()).as(admin.describeLast()).isEqualTo(200);
        assertThat(admin.last().headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        List<String> firstTimes = first.select("#events tbody tr td:first-child").eachText();
        assertThat(firstTimes).hasSize(50);
        assertThat(first.getElementById("user").attr("value")).isEqualTo(userId);

        Document second = admin.page(first.getElementById("next-page").attr("href"));
        List<String> secondTimes = second.select("#events tbody tr td:first-child").eachText();
        assertThat(secondTimes).as("the other ten, none twice, none of the other domain").hasSize(10);
        assertThat(second.getElementById("next-page")).isNull();
        List<String> all = new ArrayList<>(firstTimes);
        all.addAll(secondTimes);
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all.stream().map(Instant::parse).toList()).as("newest first").isSortedAccordingTo((a, b) -> b.compareTo(a));

        Document failures = admin.page("/admin/audit.xhtml?user=" + userId + "&result=failure");
        assertThat(failures.select("#events tbody tr")).hasSize(30);
        assertThat(failures.select("#events code").eachText()).containsOnly("login.failure");
        assertThat(failures.select("#result option[selected]").attr("value")).isEqualTo("failure");
        Document successes = admin.page("/admin/audit.xhtml?user=" + userId + "&type=login.success");
        assertThat(successes.select("#events tbody tr")).hasSize(30);
        String today = OffsetDateTime.now(ZoneOffset.UTC).toLocalDate().toString();
        assertThat(admin.page("/admin/audit.xhtml?user=" + userId + "&from=2000-01-01&to=2000-01-31").getElementById("no-events"))
                .as("nothing in January 2000").isNotNull();
        assertThat(admin.page("/admin/audit.xhtml?user=" + userId + "&from=2000-01-01&to=" + today).select("#events tbody tr")).hasSize(50);

        // a name that is a formula and a script: shown as text
        assertThat(admin.last().body()).doesNotContain("<script>alert(1)</script>");
        assertThat(first.select("#events .subject").eachText()).contains(FORMULA_NAME);

        // the chart counts sign-ins of this domain in the last days (at least this test's 30 and 30)
        assertThat(first.select("svg#sign-in-chart rect")).isNotEmpty();
        long successCount = first.select("#sign-in-table tbody tr td:nth-child(2)").eachText().stream().mapToLong(Long::parseLong).sum();
        long failureCount = first.select("#sign-in-table tbody tr td:nth-child(3)").eachText().stream().mapToLong(Long::parseLong).sum();
        assertThat(successCount).isGreaterThanOrEqualTo(30);
        assertThat(failureCount).isGreaterThanOrEqualTo(30);
    }

    @Test
    void theAppFilterShowsOnlyThatAppsEvents() throws Exception {
        String appId = "audited-app-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 3; i++) {
            database.update("INSERT INTO audit_events (id, domain_id, event_type, user_id, app_id, subject, client_ip, detail, created_at)"
                    + " VALUES (?, 'default', 'token.on_behalf', ?, ?, 'jwt-bearer', '127.0.0.1', NULL, ?)",
                    -ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000_000L) * 100 - 99, userId, appId, now.minusSeconds(i));
        }
        WebSession admin = superadmin();
        Document page = admin.page("/admin/audit.xhtml?app=" + appId);
        assertThat(admin.last().statusCode()).as(admin.describeLast()).isEqualTo(200);
        assertThat(page.getElementById("app").attr("value")).isEqualTo(appId);
        assertThat(page.select("#events tbody tr")).hasSize(3).allSatisfy(row -> assertThat(row.text()).contains(appId));
        assertThat(admin.get(page.getElementById("export").attr("href")).body().split("\r\n")).as("header and the three").hasSize(4);
        assertThat(admin.page("/admin/audit.xhtml?user=" + userId + "&app=" + appId).select("#events tbody tr")).hasSize(3);
        assertThat(admin.page("/admin/audit.xhtml?app=no-such-app-" + appId).getElementById("no-events")).isNotNull();
    }

    @Test
    void theCsvExportHasEveryMatchingEventAndNoCellASpreadsheetWouldRun() {
        WebSession admin = superadmin();
        Document page = admin.page("/admin/audit.xhtml?user=" + userId);
        HttpResponse<String> csv = admin.get(page.getElementById("export").attr("href"));
        assertThat(csv.statusCode()).as(admin.describeLast()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment; filename=\"audit-default-"));
        assertThat(csv.headers().firstValue("Cache-Control")).hasValue("no-store");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("\"time\",\"event\",\"result\",\"user_id\",\"app_id\",\"subject\",\"client_ip\",\"detail\"");
        assertThat(lines).hasSize(61);
        assertThat(lines[1]).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")<script>alert(1)</script>\"");
        assertThat(lines[2]).contains("\"failure\"").contains("\"'-2+3 wrong password\"");
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).contains("\"" + userId + "\"").doesNotContain(",\"=").doesNotContain(",\"-").doesNotContain(",\"+").doesNotContain(",\"@");
        }
        HttpResponse<String> onlyFailures = admin.get("/admin/audit/export?user=" + userId + "&result=failure");
        assertThat(onlyFailures.body().split("\r\n")).hasSize(31);
    }

    @Test
    void badFiltersGetAMessageNextToTheirFieldAndShowNothing() {
        WebSession admin = superadmin();
        Document badDate = admin.page("/admin/audit.xhtml?from=2026-13-45&user=" + userId);
        assertThat(admin.last().statusCode()).isEqualTo(200);
        assertThat(badDate.getElementById("from-error").text()).isEqualTo("Enter a day as yyyy-mm-dd.");
        assertThat(badDate.select("#events tbody tr")).isEmpty();
        assertThat(badDate.getElementById("export")).as("no export of a wrong filter").isNull();
        assertThat(admin.page("/admin/audit.xhtml?from=2026-05-02&to=2026-05-01").getElementById("to-error").text())
                .isEqualTo("The last day is before the first.");
        assertThat(admin.page("/admin/audit.xhtml?type=%3Cscript%3Ebogus").getElementById("type-error").text())
                .isEqualTo("Choose an event from the list.");
        assertThat(admin.last().body()).doesNotContain("<script>bogus");
        assertThat(admin.page("/admin/audit.xhtml?result=maybe").getElementById("result-error")).isNotNull();
        assertThat(admin.page("/admin/audit.xhtml?user=" + "u".repeat(65)).getElementById("user-error").text())
                .isEqualTo("An id has at most 64 characters.");
        assertThat(admin.page("/admin/audit.xhtml?user=" + userId + "&after=not-a-cursor").select("#events tbody tr"))
                .as("a broken page link starts at the newest").hasSize(50);
        HttpResponse<String> export = admin.get("/admin/audit/export?to=yesterday");
        assertThat(export.statusCode()).isEqualTo(400);
        assertThat(export.body()).contains("to").doesNotContain("Exception");
    }

    @Test
    void plainUsersGetNeitherThePageNorTheExport() throws Exception {
        String name = "audit-plain-" + UUID.randomUUID().toString().substring(0, 8);
        database.createPasswordUser("default", name, "plain-password-1", "USER", "ENABLED");
        WebSession user = new WebSession(server);
        assertThat(user.login(name, "plain-password-1").statusCode()).isEqualTo(302);
        assertThat(user.get("/admin/audit.xhtml?user=" + userId).statusCode()).isEqualTo(403);
        HttpResponse<String> export = user.get("/admin/audit/export?user=" + userId);
        assertThat(export.statusCode()).isEqualTo(403);
        assertThat(export.body()).doesNotContain(userId);
        HttpResponse<String> anonymous = new WebSession(server).get("/admin/audit/export");
        assertThat(anonymous.statusCode()).as("to the logon page").isEqualTo(302);
    }

    @Test
    void rotatingTheSigningKeyIsAudited() throws Exception {
        long before = database.count("SELECT count(*) FROM audit_events WHERE domain_id = 'default' AND event_type = 'signing_key.rotated'");
        WebSession admin = superadmin();
        Document dashboard = admin.page("/admin/");
        // the default domain gets its first key when it first signs a token (or with this button): listed or said so
        List<String> kidsBefore = dashboard.select("#signing-keys tbody tr td:first-child code").eachText();
        assertThat(kidsBefore.isEmpty()).as("a table of keys or a note that there is none yet")
                .isEqualTo(dashboard.getElementById("no-signing-keys") != null);
        HttpResponse<String> rotated = admin.submit(dashboard, "rotate-form", Map.of());
        assertThat(rotated.statusCode()).as(admin.describeLast()).isEqualTo(302);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = 'default' AND event_type = 'signing_key.rotated'"
                + " AND subject IS NOT NULL AND detail LIKE 'new key %'")).isEqualTo(before + 1);
        Document after = admin.page("/admin/");
        assertThat(after.getElementById("no-signing-keys")).isNull();
        List<String> kidsAfter = after.select("#signing-keys tbody tr td:first-child code").eachText();
        List<String> added = new ArrayList<>(kidsAfter);
        added.removeAll(kidsBefore);
        assertThat(kidsAfter).as("the old keys are still listed").containsAll(kidsBefore);
        assertThat(added).as("the new key is listed").isNotEmpty().anySatisfy(kid -> assertThat(database.count(
                "SELECT count(*) FROM audit_events WHERE domain_id = 'default' AND event_type = 'signing_key.rotated' AND detail LIKE ?",
                "new key " + kid + " %")).isEqualTo(1));
        assertThat(Jsoup.parse(admin.get("/admin/audit.xhtml?type=signing_key.rotated").body()).select("#events tbody tr")).isNotEmpty();
    }

    private WebSession superadmin() {
        WebSession admin = new WebSession(server);
        assertThat(admin.login("admin", LanyardServer.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        return admin;
    }

    private void event(long id, String domainId, String type, String subject, String detail, OffsetDateTime at) throws Exception {
        database.update("INSERT INTO audit_events (id, domain_id, event_type, user_id, app_id, subject, client_ip, detail, created_at)"
                + " VALUES (?, ?, ?, ?, NULL, ?, '127.0.0.1', ?, ?)", id, domainId, type, userId, subject, detail, at);
    }
}
