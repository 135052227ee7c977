package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.Locations;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The account portal's own forms on the real WAR, as plain form posts: the profile (nick name, avatar, e-mail, each bad
 * field named next to it and nothing stored) and a new mobile number proven with an SMS code (read from the domain's
 * development outbox), with the codes and numbers that must be refused.
 */
@ExtendWith(SharedServer.class)
class AccountPortalIT {

    private static final String ROOT_PASSWORD = "portal-root-password-1";
    private static final String ANNA_PASSWORD = "portal-anna-password-1";
    private static final String BEN_PASSWORD = "portal-ben-password-12";
    private static final String ANNA_NUMBER = "13700137001";
    private static final String BEN_NUMBER = "13700137002";
    private static String domain;

    private final LanyardServer server;
    private final TestDatabase database;

    AccountPortalIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeAll
    static void aDomainWithMobileSignIn(LanyardServer server, TestDatabase database) throws Exception {
        domain = "a" + UUID.randomUUID().toString().substring(0, 8);
        SharedServer.importDomain(server, """
                {"domain_id": "%s", "name": "Portal",
                 "user_systems": {"password": {"enabled": true},
                                  "mobile": {"enabled": true, "settings": {"send_interval_seconds": 0, "sends_per_ip_per_hour": 1000}}},
                 "users": [{"user_id": "root", "role": "superadmin", "password": "%s"},
                           {"user_id": "anna", "nick_name": "Anna", "password": "%s"},
                           {"user_id": "ben", "nick_name": "Ben", "password": "%s"}]}
                """.formatted(domain, ROOT_PASSWORD, ANNA_PASSWORD, BEN_PASSWORD));
        database.addIdentity(domain, "ben", "mobile", "+86" + BEN_NUMBER);
    }

    @Test
    void aUserSavesTheirProfileAndEachBadFieldIsNamedNextToIt() throws Exception {
        WebSession anna = WebSession.signedIn(server, domain, "anna", ANNA_PASSWORD);
        Document page = anna.page("/account/");
        assertThat(page.getElementById("profile-form:nick-name").val()).isEqualTo("Anna");
        assertThat(anna.last().headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));

        HttpResponse<String> saved = anna.submit(page, "profile-form", Map.of("profile-form:nick-name", "Anna <img src=x onerror=alert(1)>",
                "profile-form:avatar", "https://pictures.example.com/anna.png", "profile-form:email", "anna@example.com"));
        assertThat(saved.statusCode()).as(anna.describeLast()).isEqualTo(302);
        assertThat(column("nick_name", "anna")).isEqualTo("Anna <img src=x onerror=alert(1)>");
        assertThat(column("avatar", "anna")).isEqualTo("https://pictures.example.com/anna.png");
        assertThat(column("email", "anna")).isEqualTo("anna@example.com");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'user.updated' AND user_id = 'anna'",
                domain)).isEqualTo(1);
        // the redirect names the notice (any node can show it); the page without it says nothing more
        HttpResponse<String> after = anna.get(Locations.pathOf(saved.headers().firstValue("Location").orElseThrow()));
        Document shown = Jsoup.parse(after.body());
        assertThat(anna.page("/account/").getElementById("account-notice")).isNull();
        assertThat(shown.getElementById("account-notice").text()).isEqualTo("Your profile is saved.");
        assertThat(shown.select("img[onerror]")).as("the nick name is text, not markup").isEmpty();
        assertThat(after.body()).doesNotContain("<img src=x");
        assertThat(shown.getElementById("avatar").attr("src")).isEqualTo("https://pictures.example.com/anna.png");

        Document form = anna.page("/account/");
        assertThat(fieldError(anna.submit(form, "profile-form", Map.of("profile-form:nick-name", " ")), "profile-form", "nick-name"))
                .contains("1 to 128");
        assertThat(fieldError(anna.submit(form, "profile-form", Map.of("profile-form:nick-name", "n".repeat(129))), "profile-form", "nick-name"))
                .contains("1 to 128");
        for (String avatar : List.of("javascript:alert(1)", "http://pictures.example.com/a.png", "https://user:pw@pictures.example.com/a.png",
                "https://pictures.example.com/" + "a".repeat(1000), "data:image/png;base64,AAAA", "/relative.png")) {
            assertThat(fieldError(anna.submit(form, "profile-form", Map.of("profile-form:avatar", avatar)), "profile-form", "avatar"))
                    .as(avatar).contains("https address");
        }
        assertThat(fieldError(anna.submit(form, "profile-form", Map.of("profile-form:email", "not-an-address")), "profile-form", "email"))
                .contains("not an e-mail");
        assertThat(column("avatar", "anna")).as("nothing of a refused form is stored").isEqualTo("https://pictures.example.com/anna.png");
        assertThat(column("email", "anna")).isEqualTo("anna@example.com");

        Map<String, String> withoutToken = new HashMap<>(Map.of("profile-form:nick-name", "Forged"));
        withoutToken.put("_csrf", null);
        HttpResponse<String> noToken = anna.submit(form, "profile-form", withoutToken);
        assertThat(noToken.statusCode()).as("a form without its CSRF token").isEqualTo(403);
        assertThat(column("nick_name", "anna")).isEqualTo("Anna <img src=x onerror=alert(1)>");
    }

    @Test
    void aUserSeesTheBrowsersTheyAreSignedInWithAndSignsOutAllButThisOne() throws Exception {
        WebSession laptop = WebSession.signedIn(server, domain, "anna", ANNA_PASSWORD);
        WebSession phone = WebSession.signedIn(server, domain, "anna", ANNA_PASSWORD);
        Document page = laptop.page("/account/");
        assertThat(page.select("#browsers tbody tr").size()).as(page.html()).isGreaterThanOrEqualTo(2);
        assertThat(page.select("#browsers .this-browser")).hasSize(1);
        assertThat(page.select("#browsers tbody tr").first().text()).contains("Username and password");

        HttpResponse<String> signedOut = laptop.submit(page, "sign-out-others-form", Map.of());
        assertThat(signedOut.statusCode()).as(laptop.describeLast()).isEqualTo(302);
        Document after = laptop.page(Locations.pathOf(signedOut.headers().firstValue("Location").orElseThrow()));
        assertThat(after.getElementById("account-notice").text()).isEqualTo("Every other browser is signed out.");
        assertThat(after.select("#browsers tbody tr")).hasSize(1);
        assertThat(after.getElementById("sign-out-others-form")).as("nothing else to sign out").isNull();
        assertThat(phone.get("/account/").statusCode()).as("the other browser must sign in again").isEqualTo(302);
        assertThat(laptop.get("/account/").statusCode()).isEqualTo(200);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'user.sessions_revoked'"
                + " AND user_id = 'anna' AND detail LIKE '% other browsers, by the user'", domain)).isEqualTo(1);
    }

    @Test
    void aUserProvesANewNumberWithTheCodeSentToItAndItBecomesTheirMobileSignIn() throws Exception {
        WebSession anna = WebSession.signedIn(server, domain, "anna", ANNA_PASSWORD);
        Document page = anna.page("/account/");
        assertThat(page.getElementById("number-heading").text()).isEqualTo("Add a mobile number");

        HttpResponse<String> sent = anna.submit(page, "number-form", Map.of("number-form:new-number", ANNA_NUMBER));
        Document codeForm = answer(sent);
        assertThat(codeForm.getElementById("code-form")).as(sent.body()).isNotNull();
        String code = newestCodeTo("+86" + ANNA_NUMBER);

        // a wrong code is refused next to the field and changes nothing
        String wrong = code.equals("000000") ? "111111" : "000000";
        Document refused = answer(anna.submit(codeForm, "code-form", Map.of("code-form:code", wrong)));
        assertThat(refused.getElementById("code-form:code-message").text()).contains("wrong or no longer valid");
        assertThat(identities("anna", "mobile")).isZero();
        assertThat(anna.submit(codeForm, "code-form", Map.of("code-form:code", "12ab")).body()).contains("The code has 6 digits");

        HttpResponse<String> confirmed = anna.submit(refused, "code-form", Map.of("code-form:code", code));
        assertThat(confirmed.statusCode()).as(anna.describeLast()).isEqualTo(302);
        assertThat(database.string("SELECT i.identity_value FROM identities i JOIN users u ON u.id = i.user_ref "
                + "WHERE u.domain_id = ? AND u.user_id = 'anna' AND i.identity_type = 'mobile'", domain)).isEqualTo("+86" + ANNA_NUMBER);
        assertThat(column("phone", "anna")).isEqualTo("+86" + ANNA_NUMBER);
        Document after = anna.page(Locations.pathOf(confirmed.headers().firstValue("Location").orElseThrow()));
        assertThat(after.getElementById("account-notice").text()).isEqualTo("Your mobile number is changed.");
        assertThat(after.getElementById("current-number").text()).endsWith("****" + ANNA_NUMBER.substring(7));
        assertThat(anna.submit(refused, "code-form", Map.of("code-form:code", code)).body()).as("a code works once")
                .contains("wrong or no longer valid");
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'identity.changed' "
                + "AND user_id = 'anna'", domain)).isEqualTo(1);

        // changing again replaces the number: one mobile identity
        String second = "13700137003";
        Document again = answer(anna.submit(anna.page("/account/"), "number-form", Map.of("number-form:new-number", second)));
        anna.submit(again, "code-form", Map.of("code-form:code", newestCodeTo("+86" + second)));
        assertThat(identities("anna", "mobile")).isEqualTo(1);
        assertThat(column("phone", "anna")).isEqualTo("+86" + second);
    }

    @Test
    void aNumberOfAnotherUserACodeSentToAnotherUserAndBadNumbersAreRefused() throws Exception {
        WebSession anna = WebSession.signedIn(server, domain, "anna", ANNA_PASSWORD);
        String annaPhone = column("phone", "anna");

        // Ben's number: the code is sent (the send tells nothing), then the change is refused and nothing moves
        Document codeForm = answer(anna.submit(anna.page("/account/"), "number-form", Map.of("number-form:new-number", BEN_NUMBER)));
        Document taken = answer(anna.submit(codeForm, "code-form", Map.of("code-form:code", newestCodeTo("+86" + BEN_NUMBER))));
        assertThat(taken.getElementById("code-form:code-message").text()).contains("Another account signs in with this number");
        assertThat(database.string("SELECT u.user_id FROM identities i JOIN users u ON u.id = i.user_ref WHERE i.domain_id = ? "
                + "AND i.identity_type = 'mobile' AND i.identity_value = ?", domain, "+86" + BEN_NUMBER)).isEqualTo("ben");
        assertThat(column("phone", "anna")).isEqualTo(annaPhone);

        // a code Ben asked for his page is no good on Anna's, even for the number it was sent to
        String fresh = "13700137009";
        WebSession ben = WebSession.signedIn(server, domain, "ben", BEN_PASSWORD);
        Document bensForm = answer(ben.submit(ben.page("/account/"), "number-form", Map.of("number-form:new-number", fresh)));
        String bensCode = newestCodeTo("+86" + fresh);
        Map<String, String> stolen = Map.of("code-form:new-number", fresh, "code-form:challenge",
                bensForm.getElementById("code-form:challenge").val(), "code-form:code", bensCode);
        Document annas = answer(anna.submit(anna.page("/account/"), "number-form", Map.of("number-form:new-number", "13700137008")));
        assertThat(anna.submit(annas, "code-form", stolen).body()).contains("wrong or no longer valid");
        assertThat(column("phone", "anna")).as("nothing changed").isEqualTo(annaPhone);
        assertThat(database.count("SELECT count(*) FROM identities WHERE domain_id = ? AND identity_value = ?", domain, "+86" + fresh)).isZero();

        // numbers that are no numbers, or of a country the domain does not take (+86 only by default)
        Document form = anna.page("/account/");
        for (String bad : List.of("12", "abc", "+1 202 555 0100")) {
            String message = answer(anna.submit(form, "number-form", Map.of("number-form:new-number", bad)))
                    .getElementById("number-form:new-number-message").text();
            assertThat(message).as(bad).containsAnyOf("not a valid mobile number", "cannot sign in here");
        }
    }

    /** The newest message to this number in the domain's development outbox, read by its superadmin. */
    private String newestCodeTo(String e164) {
        WebSession root = WebSession.signedIn(server, domain, "root", ROOT_PASSWORD);
        Document outbox = root.page("/admin/sms-outbox.xhtml");
        for (Element row : outbox.select("tr:has(.outbox-phone)")) {
            if (row.selectFirst(".outbox-phone").text().equals(e164)) {
                Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(row.selectFirst(".outbox-text").text());
                assertThat(code.find()).isTrue();
                return code.group(1);
            }
        }
        throw new AssertionError("no message to " + e164 + " in the outbox:\n" + outbox.body().text());
    }

    /** A form post's answer as a page whose forms post back to where it came from. */
    private static Document answer(HttpResponse<String> response) {
        return Jsoup.parse(response.body(), response.uri().toString());
    }

    private String column(String column, String userId) throws Exception {
        return database.string("SELECT " + column + " FROM users WHERE domain_id = ? AND user_id = ?", domain, userId);
    }

    private long identities(String userId, String type) throws Exception {
        return database.count("SELECT count(*) FROM identities i JOIN users u ON u.id = i.user_ref WHERE u.domain_id = ? "
                + "AND u.user_id = ? AND i.identity_type = ?", domain, userId, type);
    }

    private static String fieldError(HttpResponse<String> response, String form, String field) {
        Element message = Jsoup.parse(response.body()).getElementById(form + ":" + field + "-message");
        assertThat(message).as(response.body()).isNotNull();
        return message.text();
    }
}
