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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's User systems tab on the real WAR, as form posts: a superadmin enables mobile-number sign-in (and the
 * logon page offers it), settings with write-only secrets (masked, kept when left masked, replaced when typed, never
 * in the page or the audit log), each bad settings document refused with its reason and nothing stored, admins read
 * only, forms without their CSRF token refused.
 */
@ExtendWith(SharedServer.class)
class UserSystemsConsoleIT {

    private static final String ROOT_PASSWORD = "systems-root-password-1";
    private static final String ADMIN_PASSWORD = "systems-admin-password-1";
    private static final String SMS_SECRET = "aliyun-sms-secret-" + UUID.randomUUID();
    private static String domain;

    private final LanyardServer server;
    private final TestDatabase database;

    UserSystemsConsoleIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeAll
    static void domainWithASecret(LanyardServer server) throws Exception {
        domain = "s" + UUID.randomUUID().toString().substring(0, 8);
        // mobile stays disabled here: its Aliyun gateway is never called by this test
        SharedServer.importDomain(server, """
                {"domain_id": "%s", "name": "Systems",
                 "user_systems": {"password": {"enabled": true},
                                  "mobile": {"enabled": false, "settings": {"gateways": [{"type": "aliyun", "access_key_id": "LTAI5tTest",
                                     "access_key_secret": "%s", "sign_name": "Lanyard", "template_code": "SMS_1"}]}}},
                 "users": [{"user_id": "root", "role": "superadmin", "password": "%s"},
                           {"user_id": "boss", "role": "admin", "password": "%s"}]}
                """.formatted(domain, SMS_SECRET, ROOT_PASSWORD, ADMIN_PASSWORD));
    }

    @Test
    void aSuperadminEnablesMobileSignInAndTheLogonPageOffersIt() throws Exception {
        String fresh = "m" + UUID.randomUUID().toString().substring(0, 8);
        SharedServer.importDomain(server, """
                {"domain_id": "%s", "name": "Fresh", "user_systems": {"password": {"enabled": true}},
                 "users": [{"user_id": "root", "role": "superadmin", "password": "%s"}]}
                """.formatted(fresh, ROOT_PASSWORD));
        WebSession root = WebSession.signedIn(server, fresh, "root", ROOT_PASSWORD);
        Document page = root.page("/admin/user-systems.xhtml");
        assertThat(page.getElementById("mobile-status").text()).isEqualTo("disabled");
        assertThat(new WebSession(server, fresh + SharedServer.HOST_SUFFIX).page("/login.xhtml").getElementById("mobile-login")).isNull();
        HttpResponse<String> enabled = toggle(root, page, "mobile", Map.of());
        assertThat(enabled.statusCode()).as(root.describeLast()).isEqualTo(302);
        assertThat(database.count("SELECT count(*) FROM domain_user_systems WHERE domain_id = ? AND user_system = 'mobile' AND enabled = TRUE",
                fresh)).isEqualTo(1);
        assertThat(page.getElementById("mobile-form:toggle").hasAttr("data-confirm")).as("enabling asks nothing").isFalse();
        Document after = root.page("/admin/user-systems.xhtml");
        assertThat(after.getElementById("mobile-status").text()).isEqualTo("enabled");
        assertThat(after.getElementById("mobile-form:toggle").attr("data-confirm")).as("disabling asks first")
                .startsWith("Disable this sign-in method?");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'domain.updated' "
                + "AND detail = 'mobile enabled' AND subject = 'root'", fresh)).isEqualTo(1);
        Document logon = new WebSession(server, fresh + SharedServer.HOST_SUFFIX).page("/login.xhtml");
        assertThat(logon.getElementById("mobile-login")).as("the logon page offers the mobile number").isNotNull();
    }

    @Test
    void secretsAreMaskedKeptWhenLeftMaskedAndReplacedWhenTyped() throws Exception {
        WebSession root = WebSession.signedIn(server, domain, "root", ROOT_PASSWORD);
        Document page = root.page("/admin/user-systems.xhtml");
        String editor = page.getElementById("mobile-form:settings").text();
        assertThat(editor).contains("LTAI5tTest").contains("\"access_key_secret\": \"********\"").doesNotContain(SMS_SECRET);
        assertThat(page.html()).doesNotContain(SMS_SECRET).doesNotContain("sealed:");
        String stored = storedMobileSettings();

        // left masked, with another field changed: the sealed secret stays as it was
        HttpResponse<String> kept = save(root, page, editor.replace("\"Lanyard\"", "\"Lanyard Test\""));
        assertThat(kept.statusCode()).as(root.describeLast()).isEqualTo(302);
        String afterKeep = storedMobileSettings();
        assertThat(afterKeep).contains("Lanyard Test").doesNotContain(SMS_SECRET);
        assertThat(sealedSecretOf(afterKeep)).isEqualTo(sealedSecretOf(stored));

        // typed: replaced and sealed, never stored or audited in the clear
        String newSecret = "typed-secret-" + UUID.randomUUID();
        HttpResponse<String> replaced = save(root, root.page("/admin/user-systems.xhtml"), editor.replace("********", newSecret));
        assertThat(replaced.statusCode()).isEqualTo(302);
        String afterReplace = storedMobileSettings();
        assertThat(afterReplace).doesNotContain(newSecret).contains("sealed:");
        assertThat(sealedSecretOf(afterReplace)).isNotEqualTo(sealedSecretOf(stored));
        assertThat(root.page("/admin/user-systems.xhtml").html()).doesNotContain(newSecret);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE detail LIKE ? OR detail LIKE ?",
                "%" + newSecret + "%", "%" + SMS_SECRET + "%")).isZero();
    }

    @Test
    void badSettingsAreRefusedWithTheirReasonAndNothingIsStored() throws Exception {
        WebSession root = WebSession.signedIn(server, domain, "root", ROOT_PASSWORD);
        String before = storedMobileSettings();
        Map<String, String> cases = Map.of(
                "{\"gateways\": [", "must be one JSON object",
                "[1, 2]", "must be one JSON object",
                "{\"code_ttl_seconds\": 5}", "code_ttl_seconds",
                "{\"unknown_field\": true}", "unknown_field: unknown field",
                "{\"gateways\": [{\"type\": \"aliyun\", \"access_key_id\": \"LTAI5tOther\", \"access_key_secret\": \"typed-0123456789\","
                        + " \"sign_name\": \"L\", \"template_code\": \"SMS_2\", \"endpoint\": \"http://dysmsapi.aliyuncs.com\"}]}", "https",
                // the stored secret is never sent to an endpoint typed beside its mask: it must be typed again
                "{\"gateways\": [{\"type\": \"aliyun\", \"access_key_id\": \"LTAI5tTest\", \"access_key_secret\": \"********\","
                        + " \"sign_name\": \"Lanyard\", \"template_code\": \"SMS_1\", \"endpoint\": \"https://collector.example\"}]}",
                "endpoint changed: type the secret beside it again",
                "{\"message\": \"" + "x".repeat(20_001) + "\"}", "at most 20,000 characters");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            HttpResponse<String> refused = save(root, root.page("/admin/user-systems.xhtml"), bad.getKey());
            assertThat(refused.statusCode()).as(bad.getKey()).isEqualTo(200);
            assertThat(Jsoup.parse(refused.body()).getElementById("mobile-form:settings-message").text()).as(bad.getKey())
                    .contains(bad.getValue());
        }
        // a mask where nothing is stored cannot stand for a secret
        HttpResponse<String> noSecret = save(root, root.page("/admin/user-systems.xhtml"), "{\"gateways\": [{\"type\": \"webhook\", "
                + "\"url\": \"http://127.0.0.1:9/sms\", \"signing_secret\": \"********\"}]}");
        assertThat(Jsoup.parse(noSecret.body()).getElementById("mobile-form:settings-message").text()).contains("type the secret");
        assertThat(storedMobileSettings()).as("nothing stored").isEqualTo(before);

        // dingtalk has no settings yet: it cannot be enabled
        HttpResponse<String> enable = toggle(root, root.page("/admin/user-systems.xhtml"), "dingtalk", Map.of());
        assertThat(Jsoup.parse(enable.body()).select("#messages").text()).contains("dingtalk cannot be enabled");
        assertThat(database.count("SELECT count(*) FROM domain_user_systems WHERE domain_id = ? AND user_system = 'dingtalk' AND enabled = TRUE",
                domain)).isZero();
    }

    @Test
    void adminsSeeTheTabReadOnlyAndFormsWithoutTheirCsrfTokenChangeNothing() throws Exception {
        WebSession boss = WebSession.signedIn(server, domain, "boss", ADMIN_PASSWORD);
        Document page = boss.page("/admin/user-systems.xhtml");
        assertThat(page.getElementById("mobile-form:settings").hasAttr("readonly")).isTrue();
        assertThat(page.getElementById("mobile-form:save")).isNull();
        assertThat(page.html()).doesNotContain(SMS_SECRET);

        WebSession root = WebSession.signedIn(server, domain, "root", ROOT_PASSWORD);
        String before = storedMobileSettings();
        Map<String, String> withoutToken = new HashMap<>(Map.of("mobile-form:settings", "{}", "mobile-form:save", "Save settings"));
        withoutToken.put("_csrf", null);
        assertThat(root.submit(root.page("/admin/user-systems.xhtml"), "mobile-form", withoutToken).statusCode()).isEqualTo(403);
        assertThat(toggle(root, root.page("/admin/user-systems.xhtml"), "mobile", Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(storedMobileSettings()).isEqualTo(before);
        assertThat(database.count("SELECT count(*) FROM domain_user_systems WHERE domain_id = ? AND user_system = 'mobile' AND enabled = TRUE",
                domain)).isZero();
    }

    @Test
    void aTestSmsGoesThroughTheSavedGatewaysBeforeMobileSignInIsEnabled() throws Exception {
        String fresh = "q" + UUID.randomUUID().toString().substring(0, 8);
        SharedServer.importDomain(server, """
                {"domain_id": "%s", "name": "Test SMS",
                 "user_systems": {"password": {"enabled": true}, "mobile": {"enabled": false, "settings": {}}},
                 "users": [{"user_id": "root", "role": "superadmin", "password": "%s"},
                           {"user_id": "boss", "role": "admin", "password": "%s"}]}
                """.formatted(fresh, ROOT_PASSWORD, ADMIN_PASSWORD));
        WebSession root = WebSession.signedIn(server, fresh, "root", ROOT_PASSWORD);
        assertThat(sendTestSms(root, "138 0013 8999")).isEqualTo("Works: the test SMS was handed to the outbox gateway.");
        Document outbox = root.page("/admin/sms-outbox.xhtml");
        assertThat(outbox.select(".outbox-phone").eachText()).containsExactly("+8613800138999");
        assertThat(root.page("/admin/user-systems.xhtml").getElementById("mobile-status").text()).as("still off").isEqualTo("disabled");
        assertThat(sendTestSms(root, "12")).isEqualTo("Does not work: This is not a valid mobile number.");

        // a gateway that cannot be reached: the answer says so, and nothing of the settings' secrets
        database.update("UPDATE domain_user_systems SET settings = ? WHERE domain_id = ? AND user_system = 'mobile'",
                "{\"gateways\": [{\"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/sms\", \"signing_secret\": \"webhook-signing-secret-1\", "
                        + "\"connect_timeout_ms\": 500, \"read_timeout_ms\": 500}]}", fresh);
        String failed = sendTestSms(root, "13800138998");
        assertThat(failed).startsWith("Does not work:").contains("webhook").doesNotContain("webhook-signing-secret-1");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'user_system.tested'", fresh))
                .isEqualTo(3);

        // an admin sees no test button, and a forged click is refused
        WebSession boss = WebSession.signedIn(server, fresh, "boss", ADMIN_PASSWORD);
        Document readOnly = boss.page("/admin/user-systems.xhtml");
        assertThat(readOnly.getElementById("mobile-form:test")).isNull();
        Map<String, String> forged = new HashMap<>();
        forged.put("mobile-form:test", "Send a test SMS");
        forged.put("mobile-form:test-number", "13800138997");
        HttpResponse<String> ignored = boss.submit(readOnly, "mobile-form", forged);
        assertThat(Jsoup.parse(ignored.body()).getElementById("mobile-test-result")).as("the button is not there to click").isNull();
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'user_system.tested'", fresh))
                .isEqualTo(3);
    }

    /** Types a number and clicks "Send a test SMS" on the User systems tab; the result's text. */
    private static String sendTestSms(WebSession session, String number) {
        Document page = session.page("/admin/user-systems.xhtml");
        Map<String, String> clicked = new HashMap<>();
        clicked.put("mobile-form:save", null);
        clicked.put("mobile-form:test", "Send a test SMS");
        clicked.put("mobile-form:test-number", number);
        HttpResponse<String> answer = session.submit(page, "mobile-form", clicked);
        Element result = Jsoup.parse(answer.body()).getElementById("mobile-test-result");
        assertThat(result).as(answer.body()).isNotNull();
        return result.text();
    }

    private HttpResponse<String> save(WebSession session, Document page, String settings) {
        return session.submit(page, "mobile-form", Map.of("mobile-form:settings", settings, "mobile-form:save", "Save settings"));
    }

    /** Presses the system's Enable / Disable button (not Save, which the form helper would post first). */
    private static HttpResponse<String> toggle(WebSession session, Document page, String system, Map<String, String> more) {
        Map<String, String> fields = new HashMap<>(more);
        fields.put(system + "-form:save", null);
        fields.put(system + "-form:toggle", page.getElementById(system + "-form:toggle").attr("value"));
        return session.submit(page, system + "-form", fields);
    }

    private String storedMobileSettings() throws Exception {
        return database.string("SELECT settings FROM domain_user_systems WHERE domain_id = ? AND user_system = 'mobile'", domain);
    }

    private static String sealedSecretOf(String settings) {
        int at = settings.indexOf("sealed:");
        return settings.substring(at, settings.indexOf('"', at));
    }
}
