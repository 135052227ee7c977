package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.AliyunOAuthFake;
import dev.lanyard.it.support.DingTalkFake;
import dev.lanyard.it.support.FormData;
import dev.lanyard.it.support.IdentityProviderFakes;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.OAuthProviderFake;
import dev.lanyard.it.support.QrImages;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DingTalk and RAM-user sign-in against WireMock fakes of DingTalk's and Alibaba Cloud's OAuth endpoints: the whole
 * trip from an app's authorize URL to its tokens, linking and unlinking, the phone scan, and every bad input of the
 * issue (state missing, forged, replayed or from another browser; a replayed authCode; a cancel at the provider;
 * token-endpoint errors; a profile without the user id; an account or organisation that is not allowed; a provider
 * that does not answer in time). Each test runs in a domain of its own.
 */
@ExtendWith(SharedServer.class)
class FederatedSignInIT {

    private static final String APP = "fed-app";
    private static final String APP_SECRET = "fed-app-client-secret-0123";
    private static final String APP_REDIRECT = "https://app.example/cb";
    private static final String DING_KEY = "dingoa-lanyard-test";
    private static final String DING_SECRET = "ding-app-secret-0123456789";
    private static final String RAM_CLIENT = "4071151845732613353";
    private static final String RAM_SECRET = "ram-app-secret-0123456789";
    private static final String ACCOUNT = "1234567890123456";
    private static final String OTHER_ACCOUNT = "6543210987654321";

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();
    private static IdentityProviderFakes providers;
    private static DingTalkFake dingtalk;
    private static AliyunOAuthFake aliyun;

    private final LanyardServer server;
    private final TestDatabase database;

    FederatedSignInIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeAll
    static void startFakes() {
        providers = IdentityProviderFakes.start();
        dingtalk = providers.dingtalk;
        aliyun = providers.aliyun;
        dingtalk.registerApp(DING_KEY, DING_SECRET);
        dingtalk.add(DingTalkFake.person("alice", "union-alice", "Alice Ding"));
        dingtalk.add(DingTalkFake.person("bob", "union-bob", "Bob Ding"));
        dingtalk.add(new OAuthProviderFake.Person("noid", Map.of("nick", "No Union Id", "openId", "open-noid")));
        dingtalk.memberOf("alice", "corp-a");
        dingtalk.memberOf("bob", "corp-b");
        aliyun.registerApp(RAM_CLIENT, RAM_SECRET);
        aliyun.add(AliyunOAuthFake.ramUser("carol", ACCOUNT, "2000001"));
        aliyun.add(AliyunOAuthFake.ramUser("mallory", OTHER_ACCOUNT, "2000002"));
        aliyun.add(new OAuthProviderFake.Person("anon", Map.of("sub", "PPPanon==", "name", "anon")));
    }

    @AfterAll
    static void stopFakes() {
        providers.close();
    }

    @Test
    void dingTalkSignInCreatesTheUserOnceAndTheAppGetsTokensBothTimes() throws Exception {
        String domain = domain(ding(""), null);
        Visitor first = new Visitor(domain);
        Document logon = first.logonPage(Map.of());
        assertThat(logon.getElementById("dingtalk-start")).as(logon.outerHtml()).isNotNull();
        URI authorize = first.leaveFor("dingtalk");
        Map<String, String> query = FormData.decode(authorize.getRawQuery());
        assertThat(authorize.getPath()).isEqualTo("/oauth2/auth");
        assertThat(query).containsEntry("client_id", DING_KEY).containsEntry("response_type", "code")
                .containsEntry("scope", "openid").containsEntry("prompt", "consent")
                .containsEntry("redirect_uri", "http://" + host(domain) + "/login/dingtalk/callback");
        assertThat(query.get("state")).hasSizeGreaterThanOrEqualTo(43);
        JsonObject tokens = first.tokens(first.back(first.atProvider(authorize, "alice")));
        assertThat(tokens.getString("nick_name")).isEqualTo("Alice Ding");
        assertThat(tokens.getString("avatar")).isEqualTo("https://static.dingtalk.example/alice.png");
        String userId = tokens.getString("user_id");

        Visitor second = new Visitor(domain);
        second.logonPage(Map.of());
        JsonObject again = second.tokens(second.back(second.atProvider(second.leaveFor("dingtalk"), "alice")));
        assertThat(again.getString("user_id")).isEqualTo(userId);
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM identities WHERE domain_id = ? AND identity_type = 'dingtalk' AND identity_value = 'union-alice'",
                domain)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'login.success' AND subject = 'dingtalk'",
                domain)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'user.registered'", domain)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM provider_logins WHERE domain_id = ? AND status = 'USED'", domain)).isEqualTo(2);
    }

    @Test
    void ramUserSignInKeysTheIdentityOnAccountAndUidWithPkce() throws Exception {
        String domain = domain(null, ram(""));
        Visitor first = new Visitor(domain);
        assertThat(first.logonPage(Map.of()).getElementById("ram-start")).isNotNull();
        URI authorize = first.leaveFor("ram");
        Map<String, String> query = FormData.decode(authorize.getRawQuery());
        assertThat(authorize.getPath()).isEqualTo("/oauth2/v1/auth");
        assertThat(query).containsEntry("client_id", RAM_CLIENT).containsEntry("scope", "openid aliuid profile")
                .containsEntry("code_challenge_method", "S256").containsKey("code_challenge")
                .containsEntry("redirect_uri", "http://" + host(domain) + "/login/ram/callback");
        JsonObject tokens = first.tokens(first.back(first.atProvider(authorize, "carol")));
        assertThat(tokens.getString("nick_name")).isEqualTo("carol@" + ACCOUNT + ".onaliyun.com");

        Visitor second = new Visitor(domain);
        second.logonPage(Map.of());
        assertThat(second.tokens(second.back(second.atProvider(second.leaveFor("ram"), "carol"))).getString("user_id"))
                .isEqualTo(tokens.getString("user_id"));
        assertThat(count("SELECT count(*) FROM identities WHERE domain_id = ? AND identity_type = 'ram' AND identity_value = ?",
                domain, ACCOUNT + ":2000001")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isEqualTo(1);
    }

    @Test
    void callbackWithoutStateOrWithAForgedOneIsRefusedAndShowsWhy() throws Exception {
        String domain = domain(ding(""), null);
        Visitor visitor = new Visitor(domain);
        visitor.logonPage(Map.of());
        URI callback = visitor.atProvider(visitor.leaveFor("dingtalk"), "alice");
        Map<String, String> params = FormData.decode(callback.getRawQuery());

        assertRefused(visitor.backTo("/login/dingtalk/callback?authCode=" + params.get("authCode")), "dingtalk.state-invalid");
        assertRefused(visitor.backTo("/login/dingtalk/callback?authCode=" + params.get("authCode") + "&state=" + UUID.randomUUID()),
                "dingtalk.state-invalid");
        Document page = visitor.session.page("/login.xhtml?failed=dingtalk.state-invalid");
        assertThat(page.getElementById("login-failure").text()).contains("expired or was already used");
        // the parameter only ever selects a known text: nothing from the URL is echoed
        Document odd = visitor.session.page("/login.xhtml?failed=dingtalk.%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertThat(odd.getElementById("login-failure")).isNull();
        assertThat(odd.outerHtml()).doesNotContain("<script>alert");
        assertThat(count("SELECT count(*) FROM identities WHERE domain_id = ?", domain)).isZero();
        assertThat(count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'login.failure' AND detail = 'state-invalid'",
                domain)).isEqualTo(2);
    }

    @Test
    void aReplayedCallbackIsRefusedInTheSameBrowserAndInAnother() throws Exception {
        String domain = domain(ding(""), null);
        Visitor visitor = new Visitor(domain);
        visitor.logonPage(Map.of());
        URI callback = visitor.atProvider(visitor.leaveFor("dingtalk"), "alice");
        visitor.tokens(visitor.back(callback));

        assertRefused(visitor.backTo(pathOf(callback)), "dingtalk.state-invalid");
        Visitor attacker = new Visitor(domain);
        assertRefused(attacker.backTo(pathOf(callback)), "dingtalk.state-invalid");
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isEqualTo(1);
    }

    @Test
    void aCallbackInAnotherBrowserIsRefusedAndBurnsTheState() throws Exception {
        String domain = domain(ding(""), null);
        Visitor victim = new Visitor(domain);
        victim.logonPage(Map.of());
        URI callback = victim.atProvider(victim.leaveFor("dingtalk"), "alice");

        Visitor attacker = new Visitor(domain);
        assertRefused(attacker.backTo(pathOf(callback)), "dingtalk.state-foreign");
        assertThat(attacker.session.get("/account/").statusCode()).as("the attacker is not signed in").isEqualTo(302);
        assertRefused(victim.backTo(pathOf(callback)), "dingtalk.state-invalid");
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isZero();
        assertThat(count("SELECT count(*) FROM provider_logins WHERE domain_id = ? AND status = 'FAILED'", domain)).isEqualTo(1);
    }

    @Test
    void aReplayedAuthCodeWithAFreshStateIsRefusedByTheProvider() throws Exception {
        String domain = domain(ding(""), null);
        Visitor visitor = new Visitor(domain);
        visitor.logonPage(Map.of());
        URI callback = visitor.atProvider(visitor.leaveFor("dingtalk"), "alice");
        visitor.tokens(visitor.back(callback));
        String usedCode = FormData.decode(callback.getRawQuery()).get("authCode");

        Visitor again = new Visitor(domain);
        again.logonPage(Map.of());
        String freshState = FormData.decode(again.leaveFor("dingtalk").getRawQuery()).get("state");
        assertRefused(again.backTo("/login/dingtalk/callback?authCode=" + usedCode + "&state=" + freshState), "dingtalk.provider-error");
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isEqualTo(1);
    }

    @Test
    void cancellingAtTheProviderComesBackAsDenied() throws Exception {
        String domain = domain(ding(""), ram(""));
        for (String system : List.of("dingtalk", "ram")) {
            Visitor visitor = new Visitor(domain);
            visitor.logonPage(Map.of());
            URI callback = visitor.cancelAtProvider(visitor.leaveFor(system));
            assertThat(callback.getRawQuery()).contains("error=access_denied");
            assertRefused(visitor.back(callback), system + ".denied");
        }
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isZero();
    }

    @Test
    void tokenEndpointErrorsAndProfilesWithoutTheUserIdAreRefused() throws Exception {
        String wrongSecret = domain(ding("").replace(DING_SECRET, "not-the-app-secret-0000"), ram("").replace(RAM_SECRET, "not-the-secret-000"));
        for (String system : List.of("dingtalk", "ram")) {
            Visitor visitor = new Visitor(wrongSecret);
            visitor.logonPage(Map.of());
            assertRefused(visitor.back(visitor.atProvider(visitor.leaveFor(system), system.equals("ram") ? "carol" : "alice")),
                    system + ".provider-error");
        }
        String domain = domain(ding(""), ram(""));
        Visitor noUnionId = new Visitor(domain);
        noUnionId.logonPage(Map.of());
        assertRefused(noUnionId.back(noUnionId.atProvider(noUnionId.leaveFor("dingtalk"), "noid")), "dingtalk.identity-incomplete");
        Visitor noUid = new Visitor(domain);
        noUid.logonPage(Map.of());
        assertRefused(noUid.back(noUid.atProvider(noUid.leaveFor("ram"), "anon")), "ram.identity-incomplete");

        dingtalk.failTokenEndpoint(503);
        try {
            Visitor down = new Visitor(domain);
            down.logonPage(Map.of());
            assertRefused(down.back(down.atProvider(down.leaveFor("dingtalk"), "alice")), "dingtalk.provider-error");
        } finally {
            dingtalk.failTokenEndpoint(null);
        }
        assertThat(count("SELECT count(*) FROM users WHERE domain_id IN (?, ?)", wrongSecret, domain)).isZero();
        assertThat(server.log()).doesNotContain(DING_SECRET).doesNotContain(RAM_SECRET).doesNotContain("not-the-app-secret");
    }

    @Test
    void ramUsersOfAnAccountThatIsNotAllowedAreRefused() throws Exception {
        String domain = domain(null, ram(""));
        Visitor visitor = new Visitor(domain);
        visitor.logonPage(Map.of());
        assertRefused(visitor.back(visitor.atProvider(visitor.leaveFor("ram"), "mallory")), "ram.not-allowed");
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isZero();
        assertThat(visitor.session.page("/login.xhtml?failed=ram.not-allowed").getElementById("login-failure").text())
                .contains("may not sign in here");
    }

    @Test
    void aDomainThatAcceptsOneDingTalkOrganisationRefusesTheOthers() throws Exception {
        String domain = domain(ding(", \"corp_id\": \"corp-a\""), null);
        Visitor outsider = new Visitor(domain);
        outsider.logonPage(Map.of());
        URI authorize = outsider.leaveFor("dingtalk");
        assertThat(FormData.decode(authorize.getRawQuery())).containsEntry("scope", "openid corpid").containsEntry("corpId", "corp-a");
        assertRefused(outsider.back(outsider.atProvider(authorize, "bob")), "dingtalk.not-allowed");

        Visitor member = new Visitor(domain);
        member.logonPage(Map.of());
        assertThat(member.tokens(member.back(member.atProvider(member.leaveFor("dingtalk"), "alice"))).getString("nick_name"))
                .isEqualTo("Alice Ding");
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isEqualTo(1);
    }

    @Test
    void aProviderThatDoesNotAnswerFailsWithinFiveSecondsAndPasswordSignInStillWorks() throws Exception {
        String domain = domain(ding(", \"timeout_ms\": 1500"), null);
        database.enableUserSystem(domain, "password", "{}");
        database.createPasswordUser(domain, "patient", "patient-password-1", "USER", "ENABLED");
        dingtalk.delayTokenEndpoint(Duration.ofSeconds(6));
        try {
            Visitor visitor = new Visitor(domain);
            visitor.logonPage(Map.of());
            URI callback = visitor.atProvider(visitor.leaveFor("dingtalk"), "alice");
            long started = System.nanoTime();
            HttpResponse<String> back = visitor.back(callback);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertRefused(back, "dingtalk.provider-unavailable");
            assertThat(millis).as("the callback answered after %d ms", millis).isLessThan(5000);
            assertThat(visitor.session.page(pathOf(URI.create(back.headers().firstValue("Location").orElseThrow())))
                    .getElementById("login-failure").text()).contains("did not answer in time");

            // meanwhile another method of the same domain works as usual
            Visitor other = new Visitor(domain);
            Document logon = other.logonPage(Map.of());
            HttpResponse<String> password = other.session.submit(logon, "login", Map.of("username", "patient", "password", "patient-password-1"));
            assertThat(password.statusCode()).as(other.session.describeLast()).isEqualTo(302);
            assertThat(other.allowAndGetTokens().getString("nick_name")).isEqualTo("patient");
        } finally {
            dingtalk.delayTokenEndpoint(Duration.ZERO);
        }
        assertThat(count("SELECT count(*) FROM identities WHERE domain_id = ? AND identity_type = 'dingtalk'", domain)).isZero();
    }

    @Test
    void aUserSignedInWithAPasswordLinksTheirRamUserOnTheAccountPage() throws Exception {
        String domain = domain(null, ram(", \"auto_create\": false"));
        database.enableUserSystem(domain, "password", "{}");
        String userId = database.createPasswordUser(domain, "ram-linker", "ram-linker-password-1", "USER", "ENABLED");
        Visitor stranger = new Visitor(domain);
        stranger.logonPage(Map.of());
        assertRefused(stranger.back(stranger.atProvider(stranger.leaveFor("ram"), "carol")), "ram.not-linked");

        WebSession linker = signedIn(domain, "ram-linker", "ram-linker-password-1");
        Document account = linker.page("/account/");
        assertThat(account.getElementById("link-ram")).as(account.outerHtml()).isNotNull();
        HttpResponse<String> start = linker.submit(account, "link-ram-form", Map.of());
        assertThat(start.statusCode()).as(linker.describeLast()).isEqualTo(303);
        HttpResponse<String> linked = linker.get(pathOf(atProvider(URI.create(start.headers().firstValue("Location").orElseThrow()), "carol")));
        assertThat(linked.headers().firstValue("Location").orElse("")).endsWith("/account/");
        assertThat(database.string("SELECT u.user_id FROM identities i JOIN users u ON u.id = i.user_ref WHERE i.domain_id = ? "
                + "AND i.identity_type = 'ram' AND i.identity_value = ?", domain, ACCOUNT + ":2000001")).isEqualTo(userId);
        assertThat(linker.page("/account/").select("li.identity")).as("password and RAM user").hasSize(2);

        Visitor later = new Visitor(domain);
        later.logonPage(Map.of());
        assertThat(later.tokens(later.back(later.atProvider(later.leaveFor("ram"), "carol"))).getString("user_id")).isEqualTo(userId);
    }

    @Test
    void withoutAutoCreateAnIdentityMustBeLinkedFirstAndTheLastMethodCannotBeUnlinked() throws Exception {
        String domain = domain(ding(", \"auto_create\": false"), null);
        database.enableUserSystem(domain, "password", "{}");
        String userId = database.createPasswordUser(domain, "linker", "linker-password-1", "USER", "ENABLED");
        database.createPasswordUser(domain, "holder", "holder-password-1", "USER", "ENABLED");

        Visitor stranger = new Visitor(domain);
        stranger.logonPage(Map.of());
        assertRefused(stranger.back(stranger.atProvider(stranger.leaveFor("dingtalk"), "alice")), "dingtalk.not-linked");
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isEqualTo(2);

        // signed in with a password, the user links DingTalk on the account page
        WebSession linker = signedIn(domain, "linker", "linker-password-1");
        Document account = linker.page("/account/");
        assertThat(account.getElementById("link-dingtalk")).as(account.outerHtml()).isNotNull();
        HttpResponse<String> start = linker.submit(account, "link-dingtalk-form", Map.of());
        assertThat(start.statusCode()).as(linker.describeLast()).isEqualTo(303);
        URI linkCallback = atProvider(URI.create(start.headers().firstValue("Location").orElseThrow()), "alice");
        HttpResponse<String> linked = linker.get(pathOf(linkCallback));
        assertThat(linked.headers().firstValue("Location").orElse("")).endsWith("/account/");
        assertThat(database.string("SELECT u.user_id FROM identities i JOIN users u ON u.id = i.user_ref WHERE i.domain_id = ? "
                + "AND i.identity_type = 'dingtalk' AND i.identity_value = 'union-alice'", domain)).isEqualTo(userId);

        // now DingTalk signs in as that user
        Visitor later = new Visitor(domain);
        later.logonPage(Map.of());
        assertThat(later.tokens(later.back(later.atProvider(later.leaveFor("dingtalk"), "alice"))).getString("user_id")).isEqualTo(userId);

        // another user cannot take the same DingTalk identity
        WebSession holder = signedIn(domain, "holder", "holder-password-1");
        HttpResponse<String> holderStart = holder.submit(holder.page("/account/"), "link-dingtalk-form", Map.of());
        HttpResponse<String> refused = holder.get(pathOf(atProvider(URI.create(holderStart.headers().firstValue("Location").orElseThrow()), "alice")));
        assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/account/?failed=dingtalk.already-linked");
        assertThat(holder.page("/account/?failed=dingtalk.already-linked").getElementById("account-failure").text())
                .contains("already linked to another user");

        // one DingTalk identity per user: a second one is refused (the page offers none, a forged post is refused too)
        assertThat(linker.page("/account/").getElementById("link-dingtalk")).isNull();
        Element csrf = linker.page("/account/").selectFirst("input[name=_csrf]");
        HttpResponse<String> second = linker.post("/login/dingtalk/start", Map.of("_csrf", csrf.attr("value"), "link", "1", "next", "/account/"));
        HttpResponse<String> secondBack = linker.get(pathOf(atProvider(URI.create(second.headers().firstValue("Location").orElseThrow()), "bob")));
        assertThat(secondBack.headers().firstValue("Location").orElse("")).endsWith("/account/?failed=dingtalk.already-has-one");

        // unlink the password: DingTalk remains; the last method cannot go
        account = linker.page("/account/");
        assertThat(account.select("li.identity")).hasSize(2);
        HttpResponse<String> unlinked = linker.submit(account, formOf(account, "password"), Map.of());
        assertThat(unlinked.statusCode()).as(linker.describeLast()).isEqualTo(302);
        account = linker.page("/account/");
        assertThat(account.select("li.identity")).hasSize(1);
        assertThat(account.getElementById("account-last")).isNotNull();
        assertThat(account.select("li.identity form")).as("no unlink button for the last method").isEmpty();
        assertThat(count("SELECT count(*) FROM identities i JOIN users u ON u.id = i.user_ref WHERE u.user_id = ?", userId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type IN ('identity.linked', 'identity.unlinked')",
                domain)).isEqualTo(2);
    }

    @Test
    void tripsStartedFromOneAddressAreLimited() throws Exception {
        String domain = domain(ding(", \"starts_per_ip_per_hour\": 2"), null);
        Visitor visitor = new Visitor(domain);
        visitor.logonPage(Map.of());
        visitor.leaveFor("dingtalk");
        visitor.leaveFor("dingtalk");
        HttpResponse<String> third = visitor.session.submit(visitor.logon, "dingtalk-start-form", Map.of());
        assertRefused(third, "dingtalk.too-many");
        assertThat(count("SELECT count(*) FROM provider_logins WHERE domain_id = ?", domain)).as("nothing recorded").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'login.limited'", domain)).isEqualTo(1);
        assertThat(visitor.session.page("/login.xhtml?failed=dingtalk.too-many").getElementById("login-failure").text())
                .contains("Too many sign-ins with DingTalk");
    }

    @Test
    void loginTypesGoStraightToTheirMethod() throws Exception {
        String domain = domain(ding(""), ram(""));
        assertThat(new Visitor(domain).straightOn("ding_sns").attr("action")).endsWith("/login/dingtalk/start");
        assertThat(new Visitor(domain).straightOn("ram").attr("action")).endsWith("/login/ram/start");
        assertThat(new Visitor(domain).straightOn("ding").attr("action")).endsWith("/login/dingtalk/scan-start");
        Visitor ram = new Visitor(domain);
        Element form = ram.straightOn("ram");
        HttpResponse<String> posted = ram.session.submit(ram.logon, "go-straight", Map.of());
        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Location").orElse("")).startsWith(providers.baseUrl() + "/oauth2/v1/auth?");
        assertThat(form.selectFirst("input[name=next]").attr("value")).isEqualTo(ram.consentPath);
        Visitor plain = new Visitor(domain);
        Document both = plain.logonPage(Map.of());
        assertThat(both.getElementById("dingtalk-start")).isNotNull();
        assertThat(both.getElementById("ram-start")).isNotNull();
    }

    @Test
    void tripsStartOnlyFromAFormPostWithTheBrowsersCsrfToken() throws Exception {
        String domain = domain(ding(""), null);
        Visitor visitor = new Visitor(domain);
        visitor.logonPage(Map.of());
        // a link or an image on another site is a GET: it starts nothing
        HttpResponse<String> get = visitor.session.get("/login/dingtalk/start?next=%2F");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(visitor.session.get("/login/dingtalk/scan-start").statusCode()).isEqualTo(405);
        // a form on another site has no CSRF token of this browser
        HttpResponse<String> forged = visitor.session.post("/login/dingtalk/start", Map.of("next", "/"));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> forgedLink = visitor.session.post("/login/dingtalk/start", Map.of("link", "1", "_csrf", "guess"));
        assertThat(forgedLink.statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM provider_logins WHERE domain_id = ?", domain)).isZero();
    }

    @Test
    void aPhoneScanSignsInTheComputerOnlyAfterThePhonePicksItsNumber() throws Exception {
        String domain = domain(ding(", \"auto_create\": true"), null);
        Visitor computer = new Visitor(domain);
        Document scan = computer.scanPage();
        String code = QrImages.decodeSvgDataUri(scan.getElementById("scan-code").attr("src"));
        assertThat(code).startsWith(providers.baseUrl() + "/oauth2/auth?");
        String number = scan.getElementById("scan-match").text();
        assertThat(number).matches("[1-9][0-9]");
        assertThat(computer.scanStatus()).isEqualTo("waiting");
        assertThat(computer.session.page(pathOf(URI.create(server.baseUrl() + "/login/scan.xhtml?system=dingtalk")))
                .getElementById("scan-match").text()).as("a reload shows the same code").isEqualTo(number);
        computer.session.dropCookie("JSESSIONID"); // as on another node: the code is kept with the trip, not in a session
        assertThat(computer.session.page(pathOf(URI.create(server.baseUrl() + "/login/scan.xhtml?system=dingtalk")))
                .getElementById("scan-match").text()).as("the same code without the node's HTTP session").isEqualTo(number);
        assertThat(computer.scanStatus()).isEqualTo("waiting");

        // the phone: a browser of its own, which DingTalk's app opens at the code's URL
        WebSession phone = new WebSession(server, domain + SharedServer.HOST_SUFFIX);
        HttpResponse<String> callback = phone.get(pathOf(atProvider(URI.create(code), "bob")));
        assertThat(callback.statusCode()).as(phone.describeLast()).isEqualTo(200);
        Document confirm = Jsoup.parse(callback.body(), server.baseUrl());
        assertThat(confirm.getElementById("scan-confirm-who").text()).contains("Bob Ding").contains("127.0.0.1");
        assertThat(confirm.select("input[name=match]")).extracting(e -> e.attr("value")).hasSize(3).contains(number);
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).as("no user before the phone confirms").isZero();
        assertThat(computer.scanStatus()).as("not before the phone confirms").isEqualTo("waiting");
        assertRefusedScanFinish(computer.session.submit(scan, "scan-finish", Map.of()));

        assertThat(phone.submit(confirm, "scan-confirm", Map.of("match", number)).headers().firstValue("Location").orElse(""))
                .endsWith("/login/scan-done.xhtml?confirmed=true");
        assertThat(computer.scanStatus()).isEqualTo("confirmed");
        // an attacker's browser cannot take the sign-in, even once it is confirmed
        Visitor attacker = new Visitor(domain);
        Document attackerScan = attacker.scanPage();
        assertRefusedScanFinish(attacker.session.submit(attackerScan, "scan-finish", Map.of()));

        HttpResponse<String> finished = computer.session.submit(scan, "scan-finish", Map.of());
        assertThat(finished.headers().firstValue("Location").orElse("")).contains("/oauth/consent.xhtml?request=");
        assertThat(computer.allowAndGetTokens().getString("nick_name")).isEqualTo("Bob Ding");
        assertRefusedScanFinish(postWithFreshCsrf(computer.session, "/login/dingtalk/scan-finish")); // finished: not twice
        assertThat(phone.get("/account/").statusCode()).as("the phone itself is not signed in").isEqualTo(302);
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isEqualTo(1);
    }

    @Test
    void aPhoneThatPicksTheWrongNumberOrCancelsSignsNobodyIn() throws Exception {
        String domain = domain(ding(", \"auto_create\": true"), null);
        for (String answer : List.of("wrong", "cancel")) {
            Visitor computer = new Visitor(domain);
            Document scan = computer.scanPage();
            String number = scan.getElementById("scan-match").text();
            String code = QrImages.decodeSvgDataUri(scan.getElementById("scan-code").attr("src"));
            WebSession phone = new WebSession(server, domain + SharedServer.HOST_SUFFIX);
            Document confirm = Jsoup.parse(phone.get(pathOf(atProvider(URI.create(code), "alice"))).body(), server.baseUrl());
            String wrong = confirm.select("input[name=match]").stream().map(e -> e.attr("value")).filter(v -> !v.equals(number))
                    .findFirst().orElseThrow();
            Map<String, String> choice = answer.equals("wrong") ? Map.of("match", wrong) : Map.of("cancel", "No");
            assertThat(phone.submit(confirm, "scan-confirm", choice).headers().firstValue("Location").orElse(""))
                    .endsWith("confirmed=false");
            assertThat(computer.scanStatus()).isEqualTo("failed");
            assertRefusedScanFinish(computer.session.submit(scan, "scan-finish", Map.of()));
            // one try: not even the right number works afterwards
            assertThat(phone.submit(confirm, "scan-confirm", Map.of("match", number)).headers().firstValue("Location").orElse(""))
                    .endsWith("confirmed=false");
        }
        assertThat(count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isZero();
    }

    @Test
    void withoutAutoCreateAScanOfAnUnknownIdentityIsRefusedOnThePhone() throws Exception {
        String domain = domain(dingAsDefaults(), null); // no corp_id: auto_create is off unless asked for
        Visitor computer = new Visitor(domain);
        String code = QrImages.decodeSvgDataUri(computer.scanPage().getElementById("scan-code").attr("src"));
        WebSession phone = new WebSession(server, domain + SharedServer.HOST_SUFFIX);
        assertRefused(phone.get(pathOf(atProvider(URI.create(code), "alice"))), "dingtalk.not-linked");
        assertThat(computer.scanStatus()).isEqualTo("failed");
    }

    // ---- helpers ----

    /** A browser on a domain's host, going through an app's authorization request. */
    private final class Visitor {
        final WebSession session;
        final String domain;
        String consentPath;

        Visitor(String domain) {
            this.domain = domain;
            this.session = new WebSession(server, domain + SharedServer.HOST_SUFFIX);
        }

        /** The app's authorize URL up to the logon page the consent page sends an anonymous browser to. */
        Document logonPage(Map<String, String> extra) {
            logon = session.page(logonPath(extra));
            return logon;
        }

        Document logon;

        private String logonPath(Map<String, String> extra) {
            Map<String, String> query = new java.util.HashMap<>(Map.of("client_id", APP, "redirect_uri", APP_REDIRECT,
                    "response_type", "code", "state", "app-state", "scope", "all"));
            query.putAll(extra);
            HttpResponse<String> authorize = session.get("/v2/oauth/authorize?" + FormData.encode(query));
            assertThat(authorize.statusCode()).as(session.describeLast()).isEqualTo(302);
            consentPath = pathOf(URI.create(authorize.headers().firstValue("Location").orElseThrow()));
            HttpResponse<String> consent = session.get(consentPath);
            assertThat(consent.statusCode()).as(session.describeLast()).isEqualTo(302);
            return pathOf(URI.create(consent.headers().firstValue("Location").orElseThrow()));
        }

        /** The form the logon page of an authorization request with this login_type posts by itself. */
        Element straightOn(String loginType) {
            Document page = logonPage(Map.of("login_type", loginType));
            Element form = page.getElementById("go-straight");
            assertThat(form).as(page.outerHtml()).isNotNull();
            assertThat(form.attr("data-autosubmit")).isEqualTo("true");
            assertThat(page.select("section.method")).as("nothing else on the page").isEmpty();
            return form;
        }

        /** Clicks the provider's button on the logon page (a form post): the provider's authorize URL. */
        URI leaveFor(String system) {
            HttpResponse<String> start = session.submit(logon, system + "-start-form", Map.of());
            assertThat(start.statusCode()).as(session.describeLast()).isEqualTo(303);
            return URI.create(start.headers().firstValue("Location").orElseThrow());
        }

        /** The page that shows a code to scan, reached as the login_type ding goes straight on to it. */
        Document scanPage() {
            straightOn("ding");
            HttpResponse<String> started = session.submit(logon, "go-straight", Map.of());
            assertThat(started.statusCode()).as(session.describeLast()).isEqualTo(303);
            String location = started.headers().firstValue("Location").orElseThrow();
            assertThat(location).contains("/login/scan.xhtml?system=dingtalk&next=");
            return session.page(pathOf(URI.create(location)));
        }

        URI atProvider(URI authorize, String login) throws Exception {
            return FederatedSignInIT.this.atProvider(authorize, login);
        }

        URI cancelAtProvider(URI authorize) throws Exception {
            Document page = Jsoup.parse(HTTP.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString()).body(),
                    authorize.toString());
            HttpResponse<String> cancelled = HTTP.send(HttpRequest.newBuilder(URI.create(page.getElementById("cancel").absUrl("href"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return URI.create(cancelled.headers().firstValue("Location").orElseThrow());
        }

        /** The provider's redirect back, followed in this browser. */
        HttpResponse<String> back(URI callback) {
            assertThat(callback.getHost() + ":" + callback.getPort()).isEqualTo(host(domain));
            return backTo(pathOf(callback));
        }

        HttpResponse<String> backTo(String path) {
            return session.get(path);
        }

        /** After a successful callback: on to the consent page, allow, and exchange the code. */
        JsonObject tokens(HttpResponse<String> callbackResponse) throws Exception {
            assertThat(callbackResponse.statusCode()).as(session.describeLast()).isEqualTo(302);
            assertThat(callbackResponse.headers().firstValue("Location").orElse("")).endsWith(consentPath);
            return allowAndGetTokens();
        }

        JsonObject allowAndGetTokens() throws Exception {
            Document consent = session.page(consentPath);
            HttpResponse<String> allowed = session.submit(consent, "consent", Map.of());
            assertThat(allowed.statusCode()).as(session.describeLast()).isEqualTo(302);
            URI redirect = URI.create(allowed.headers().firstValue("Location").orElseThrow());
            assertThat(redirect.toString()).startsWith(APP_REDIRECT);
            String code = FormData.decode(redirect.getRawQuery()).get("code");
            HttpResponse<String> token = session.post("/v2/oauth/token", Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", APP_REDIRECT, "client_id", APP, "client_secret", APP_SECRET));
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            return Json.createReader(new StringReader(token.body())).readObject();
        }

        String scanStatus() {
            HttpResponse<String> status = session.get("/login/dingtalk/scan-status");
            return Json.createReader(new StringReader(status.body())).readObject().getString("status");
        }
    }

    /** At the fake provider's sign-in page, the link of this person: the redirect back to Lanyard. */
    private URI atProvider(URI authorize, String login) throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Element link = Jsoup.parse(page.body(), authorize.toString()).getElementById("as-" + login);
        assertThat(link).as(page.body()).isNotNull();
        HttpResponse<String> approved = HTTP.send(HttpRequest.newBuilder(URI.create(link.absUrl("href"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).isEqualTo(302);
        return URI.create(approved.headers().firstValue("Location").orElseThrow());
    }

    private WebSession signedIn(String domain, String username, String password) {
        WebSession session = new WebSession(server, domain + SharedServer.HOST_SUFFIX);
        HttpResponse<String> login = session.login(username, password);
        assertThat(login.statusCode()).as(session.describeLast()).isEqualTo(302);
        return session;
    }

    /** The id of the unlink form of the listed method of this type. */
    private static String formOf(Document account, String type) {
        Element form = account.selectFirst("li.identity[data-type=" + type + "] form");
        assertThat(form).as(account.outerHtml()).isNotNull();
        return form.id();
    }

    /** A POST with nothing but the session's current CSRF token (read from a page that carries it). */
    private static HttpResponse<String> postWithFreshCsrf(WebSession session, String path) {
        Element csrf = session.page("/login.xhtml").selectFirst("input[name=_csrf]");
        assertThat(csrf).isNotNull();
        return session.post(path, Map.of("_csrf", csrf.attr("value")));
    }

    private static void assertRefused(HttpResponse<String> response, String failed) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).contains("/login.xhtml?failed=" + failed);
    }

    private static void assertRefusedScanFinish(HttpResponse<String> response) {
        assertRefused(response, "dingtalk.state-invalid");
    }

    @Test
    void testConnectionAsksEachProviderWhetherItAcceptsTheSavedCredentials() throws Exception {
        String domain = domain(ding(""), ram(""));
        database.enableUserSystem(domain, "password", "{}");
        database.createPasswordUser(domain, "root", "tester-password-0123", "SUPERADMIN", "ENABLED");
        WebSession root = WebSession.signedIn(server, domain, "root", "tester-password-0123");

        assertThat(testResult(root, "dingtalk")).isEqualTo("Works: DingTalk accepted the AppKey and AppSecret");
        assertThat(testResult(root, "ram")).startsWith("Works: Alibaba Cloud accepted the client_id and client_secret");

        database.update("UPDATE domain_user_systems SET settings = ? WHERE domain_id = ? AND user_system = 'dingtalk'",
                ding("").replace(DING_SECRET, "not-the-app-secret-1"), domain);
        database.update("UPDATE domain_user_systems SET settings = ? WHERE domain_id = ? AND user_system = 'ram'",
                ram("").replace(RAM_SECRET, "not-the-ram-secret-1"), domain);
        String dingRefused = testResult(root, "dingtalk");
        assertThat(dingRefused).startsWith("Does not work:").contains("invalidClientSecret").doesNotContain("not-the-app-secret-1");
        String ramRefused = testResult(root, "ram");
        assertThat(ramRefused).startsWith("Does not work:").contains("invalid_client").doesNotContain("not-the-ram-secret-1");

        database.update("UPDATE domain_user_systems SET settings = ? WHERE domain_id = ? AND user_system = 'ram'",
                ram(", \"timeout_ms\": 1000").replace(providers.baseUrl(), "http://127.0.0.1:9"), domain);
        assertThat(testResult(root, "ram")).as("nothing listens there").startsWith("Does not work:");
        database.update("UPDATE domain_user_systems SET settings = ? WHERE domain_id = ? AND user_system = 'ram'",
                ram(", \"timeout_ms\": 1000"), domain);
        aliyun.delayTokenEndpoint(Duration.ofSeconds(4));
        try {
            long started = System.nanoTime();
            assertThat(testResult(root, "ram")).contains("no answer within 1000 ms");
            assertThat((System.nanoTime() - started) / 1_000_000).as("the console waits at most the timeout").isLessThan(3500);
        } finally {
            aliyun.delayTokenEndpoint(Duration.ZERO);
        }
        assertThat(count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'user_system.tested'", domain)).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND detail LIKE ?", domain, "%not-the-%")).isZero();
    }

    /** Clicks "Test connection" of one method on the User systems tab; the result's text. */
    private static String testResult(WebSession session, String system) {
        Document page = session.page("/admin/user-systems.xhtml");
        Map<String, String> clicked = new java.util.HashMap<>();
        clicked.put(system + "-form:save", null);
        clicked.put(system + "-form:test", "Test connection");
        HttpResponse<String> answer = session.submit(page, system + "-form", clicked);
        Element result = Jsoup.parse(answer.body()).getElementById(system + "-test-result");
        assertThat(result).as(answer.body()).isNotNull();
        return result.text();
    }

    private String domain(String dingtalkSettings, String ramSettings) throws Exception {
        String domain = "f" + UUID.randomUUID().toString().substring(0, 8);
        database.createDomain(domain, "Federated " + domain);
        if (dingtalkSettings != null) {
            database.enableUserSystem(domain, "dingtalk", dingtalkSettings);
        }
        if (ramSettings != null) {
            database.enableUserSystem(domain, "ram", ramSettings);
        }
        database.createApp(domain, APP, "WEB_SERVER", APP_SECRET, List.of(APP_REDIRECT), List.of("all"), false);
        return domain;
    }

    /** DingTalk settings against the fake with nothing else set: Lanyard's defaults. */
    private static String dingAsDefaults() {
        return "{\"app_key\": \"" + DING_KEY + "\", \"app_secret\": \"" + DING_SECRET + "\", \"authorize_url\": \""
                + providers.baseUrl() + "/oauth2/auth\", \"api_base_url\": \"" + providers.baseUrl() + "\"}";
    }

    /** DingTalk settings against the fake; auto_create is on unless {@code extra} says otherwise (its default is off). */
    private static String ding(String extra) {
        if (!extra.contains("auto_create")) {
            extra = ", \"auto_create\": true" + extra;
        }
        return "{\"app_key\": \"" + DING_KEY + "\", \"app_secret\": \"" + DING_SECRET + "\", \"authorize_url\": \""
                + providers.baseUrl() + "/oauth2/auth\", \"api_base_url\": \"" + providers.baseUrl() + "\"" + extra + "}";
    }

    private static String ram(String extra) {
        return "{\"client_id\": \"" + RAM_CLIENT + "\", \"client_secret\": \"" + RAM_SECRET + "\", \"allowed_account_ids\": [\""
                + ACCOUNT + "\"], \"authorize_url\": \"" + providers.baseUrl() + "/oauth2/v1/auth\", \"token_url\": \""
                + providers.baseUrl() + "/v1/token\", \"userinfo_url\": \"" + providers.baseUrl() + "/v1/userinfo\"" + extra + "}";
    }

    private String host(String domain) {
        return domain + SharedServer.HOST_SUFFIX + ":" + server.port();
    }

    private long count(String sql, Object... params) throws Exception {
        return database.count(sql, params);
    }

    private static String pathOf(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
