package dev.lanyard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lanyard.it.support.AliyunSmsFake;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mobile-number sign-in over PDS's account API (send_sms_code + login) against SMS providers faked with WireMock on
 * loopback: a webhook receiver that checks Lanyard's HMAC signature, and Alibaba Cloud SMS checking the RPC signature.
 * Each test has its own domain, so its limits and counters are its own.
 */
@ExtendWith(SharedServer.class)
class MobileApiIT {

    private static final String WEBHOOK_SECRET = "webhook-signing-secret-0123";
    private static final String ALIYUN_KEY_ID = "LTAI5tLanyardTest";
    private static final String ALIYUN_SECRET = "aliyun-test-secret-0123456789";
    private static final String APP = "mobile-app";
    private static final String NUMBER = "13800138000";

    private static WireMockServer sms;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final LanyardServer server;
    private final TestDatabase database;

    MobileApiIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeAll
    static void startFakes() {
        sms = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new AliyunSmsFake(Map.of(ALIYUN_KEY_ID, ALIYUN_SECRET))));
        sms.start();
        sms.stubFor(WireMock.post(urlPathMatching("/ok/.*")).willReturn(aResponse().withStatus(204)));
        sms.stubFor(WireMock.post(urlPathMatching("/fail/.*")).willReturn(aResponse().withStatus(500).withBody("provider down")));
        sms.stubFor(WireMock.post(urlPathMatching("/slow/.*")).willReturn(aResponse().withStatus(204).withFixedDelay(3000)));
        sms.stubFor(WireMock.post(urlPathEqualTo("/")).willReturn(aResponse().withTransformers(AliyunSmsFake.NAME)));
    }

    @AfterAll
    static void stopFakes() {
        sms.stop();
    }

    @Test
    void aFirstTimeNumberGetsAnAccountAndSignsInAgainWithANewCode() throws Exception {
        String domain = domain("\"send_interval_seconds\": 0", webhook("ok"));
        HttpResponse<String> sent = send(domain, NUMBER, null);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String challenge = json(sent).getString("sms_code_id");
        assertThat(challenge).matches("[0-9a-f]{32}");
        assertThat(sent.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> first = login(domain, NUMBER, challenge, codeSentTo(domain, "+86" + NUMBER), true);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonObject tokens = json(first);
        assertThat(tokens.getBoolean("is_first_login")).isTrue();
        assertThat(tokens.getString("nick_name")).isEqualTo("138****8000");
        assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
        assertThat(tokens.getString("refresh_token")).isNotBlank();
        String userId = tokens.getString("user_id");
        assertThat(database.string("SELECT phone FROM users WHERE domain_id = ? AND user_id = ?", domain, userId)).isEqualTo("+86" + NUMBER);
        assertThat(database.count("SELECT count(*) FROM identities WHERE domain_id = ? AND identity_type = 'mobile' AND identity_value = ?",
                domain, "+86" + NUMBER)).isEqualTo(1);

        // the access token works on the API of its domain
        HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(server.uri("/v2/user/get")).header("Host", host(domain))
                .header("Authorization", "Bearer " + tokens.getString("access_token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me).getString("user_id")).isEqualTo(userId);

        // the same number typed another way is the same person
        String again = json(send(domain, "+86 138 0013 8000", null)).getString("sms_code_id");
        HttpResponse<String> second = login(domain, "138-0013-8000", again, codeSentTo(domain, "+86" + NUMBER), true);
        assertThat(json(second).getString("user_id")).isEqualTo(userId);
        assertThat(json(second).getBoolean("is_first_login")).isFalse();

        // audit: sends, registration and sign-ins, and never a code
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'sms.sent'", domain)).isEqualTo(2);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'user.registered'", domain)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'login.success'", domain)).isEqualTo(2);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND subject LIKE ?", domain, "%" + NUMBER + "%")).isZero();
        assertThat(database.count("SELECT count(*) FROM sms_challenges WHERE domain_id = ? AND LENGTH(code_hmac) <> 64", domain)).as("HMACs only").isZero();
    }

    @Test
    void sixWrongCodesKillTheChallengeAndThenEvenTheRightCodeFails() throws Exception {
        String domain = domain("\"send_interval_seconds\": 0", webhook("ok"));
        String challenge = json(send(domain, NUMBER, null)).getString("sms_code_id");
        String code = codeSentTo(domain, "+86" + NUMBER);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 6; i++) {
            assertRefusedCode(login(domain, NUMBER, challenge, wrong, true));
        }
        assertRefusedCode(login(domain, NUMBER, challenge, code, true));
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE domain_id = ? AND event_type = 'login.locked'", domain)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isZero();
    }

    @Test
    void aCodeWorksOnceOnlyForItsNumberItsChallengeAndItsLifetime() throws Exception {
        String domain = domain("\"send_interval_seconds\": 0", webhook("ok"));
        String other = "13900139000";
        String challengeA = json(send(domain, NUMBER, null)).getString("sms_code_id");
        String codeA = codeSentTo(domain, "+86" + NUMBER);
        String challengeB = json(send(domain, other, null)).getString("sms_code_id");
        String codeB = codeSentTo(domain, "+86" + other);

        assertRefusedCode(login(domain, other, challengeA, codeA, true)); // A's code for B's number
        assertRefusedCode(login(domain, other, challengeB, codeA, true)); // A's code on B's challenge (a wrong try for B)
        assertThat(login(domain, NUMBER, challengeA, codeA, true).statusCode()).isEqualTo(200);
        assertRefusedCode(login(domain, NUMBER, challengeA, codeA, true)); // reused

        database.update("UPDATE sms_challenges SET expires_at = created_at WHERE challenge_id = ?", challengeB);
        assertRefusedCode(login(domain, other, challengeB, codeB, true)); // expired
        assertRefusedCode(login(domain, NUMBER, UUID.randomUUID().toString().replace("-", ""), codeA, true)); // no such challenge
    }

    @Test
    void sendsToOneNumberAreSpacedAndCountedPerHour() throws Exception {
        String spaced = domain("\"send_interval_seconds\": 60", webhook("ok"));
        assertThat(send(spaced, NUMBER, null).statusCode()).isEqualTo(200);
        HttpResponse<String> tooSoon = send(spaced, NUMBER, null);
        assertThat(tooSoon.statusCode()).isEqualTo(429);
        assertThat(json(tooSoon).getString("code")).isEqualTo("TooManyRequests");
        assertThat(Long.parseLong(tooSoon.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(webhookCalls(spaced)).as("the provider is not called over a limit").isEqualTo(1);

        String hourly = domain("\"send_interval_seconds\": 0, \"sends_per_number_per_hour\": 3", webhook("ok"));
        for (int i = 0; i < 3; i++) {
            assertThat(send(hourly, NUMBER, null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> fourth = send(hourly, NUMBER, null);
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow())).isBetween(3000L, 3600L);
        assertThat(send(hourly, "13900139000", null).statusCode()).as("another number is not limited").isEqualTo(200);
        assertThat(webhookCalls(hourly)).isEqualTo(4);
    }

    @Test
    void sendsFromOneClientAndPerDayAreCapped() throws Exception {
        String domain = domain("\"send_interval_seconds\": 0, \"sends_per_ip_per_hour\": 2", webhook("ok"));
        assertThat(send(domain, "13800138001", null).statusCode()).isEqualTo(200);
        assertThat(send(domain, "13800138002", null).statusCode()).isEqualTo(200);
        assertThat(send(domain, "13800138003", null).statusCode()).isEqualTo(429);

        String budget = domain("\"send_interval_seconds\": 0, \"daily_budget\": 1", webhook("ok"));
        assertThat(send(budget, "13800138001", null).statusCode()).isEqualTo(200);
        HttpResponse<String> over = send(budget, "13800138002", null);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(webhookCalls(budget)).isEqualTo(1);
    }

    @Test
    void malformedAndForeignNumbersCodesAndBodiesAreRefusedClearly() throws Exception {
        String domain = domain("\"send_interval_seconds\": 0", webhook("ok"));
        assertError(send(domain, "abcdefghijk", null), 400, "InvalidParameter.PhoneNumber");
        assertError(send(domain, "1".repeat(100), null), 400, "InvalidParameter.PhoneNumber");
        assertError(send(domain, "12345", null), 400, "InvalidParameter.PhoneNumber");
        assertError(send(domain, "2025550123", "1"), 400, "InvalidParameter.PhoneRegion"); // a US number; the domain allows +86 only
        assertError(send(domain, "+1 202 555 0123", null), 400, "InvalidParameter.PhoneRegion");
        assertError(post(domain, "/v2/account/send_sms_code", "{\"app_id\":\"" + APP + "\",\"phone_number\":\"" + NUMBER
                + "\",\"type\":\"steal\"}"), 400, "InvalidParameter.Type");
        assertError(post(domain, "/v2/account/send_sms_code", "{not json"), 400, "InvalidParameter");
        assertError(post(domain, "/v2/account/send_sms_code", "{\"app_id\":\"no-such-app\",\"phone_number\":\"" + NUMBER + "\"}"),
                404, "NotFound.App");
        assertError(post(domain, "/v2/account/send_sms_code", "{\"phone_number\":\"" + NUMBER + "\"}"), 400, "InvalidParameterMissing");
        assertThat(webhookCalls(domain)).isZero();

        String challenge = json(send(domain, NUMBER, null)).getString("sms_code_id");
        assertError(login(domain, NUMBER, challenge, "abcdef", true), 400, "InvalidParameter.SmsCode");
        assertError(login(domain, NUMBER, challenge, "1".repeat(100), true), 400, "InvalidParameter.SmsCode");
        assertError(login(domain, NUMBER, "../../etc", "123456", true), 400, "InvalidParameter.SmsCodeId");
        // malformed input is not a try: the right code still works
        assertThat(login(domain, NUMBER, challenge, codeSentTo(domain, "+86" + NUMBER), true).statusCode()).isEqualTo(200);

        String disabled = "d" + UUID.randomUUID().toString().substring(0, 8);
        database.createDomain(disabled, disabled);
        database.createApp(disabled, APP, "NATIVE", null, List.of("http://127.0.0.1:4000/cb"), List.of("all"), false);
        assertError(send(disabled, NUMBER, null), 403, "Forbidden.UserSystem");
    }

    @Test
    void withoutAutoRegistrationAnUnknownNumberNeverSignsInAndLooksLikeAWrongCode() throws Exception {
        String domain = domain("\"send_interval_seconds\": 0, \"auto_register\": false", webhook("ok"));
        String challenge = json(send(domain, NUMBER, null)).getString("sms_code_id");
        HttpResponse<String> unknown = login(domain, NUMBER, challenge, codeSentTo(domain, "+86" + NUMBER), true);
        String wrongChallenge = json(send(domain, NUMBER, null)).getString("sms_code_id");
        HttpResponse<String> wrong = login(domain, NUMBER, wrongChallenge, "999999".equals(codeSentTo(domain, "+86" + NUMBER)) ? "888888" : "999999", true);
        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(400);
        assertThat(json(unknown).getString("code")).isEqualTo(json(wrong).getString("code"));
        assertThat(json(unknown).getString("message")).isEqualTo(json(wrong).getString("message"));
        assertThat(database.count("SELECT count(*) FROM users WHERE domain_id = ?", domain)).isZero();

        // the caller may also decline registration where the domain allows it
        String open = domain("\"send_interval_seconds\": 0", webhook("ok"));
        String c = json(send(open, NUMBER, null)).getString("sms_code_id");
        assertRefusedCode(login(open, NUMBER, c, codeSentTo(open, "+86" + NUMBER), false));
        assertThat(database.count("SELECT count(*) FROM users WHERE domain_id = ?", open)).isZero();
    }

    @Test
    void sendAnswersTheSameWhetherOrNotTheNumberHasAnAccount() throws Exception {
        String domain = domain("\"send_interval_seconds\": 0", webhook("ok"));
        String known = "13700137000";
        String c = json(send(domain, known, null)).getString("sms_code_id");
        assertThat(login(domain, known, c, codeSentTo(domain, "+86" + known), true).statusCode()).isEqualTo(200);

        List<Long> knownTimes = new ArrayList<>();
        List<Long> unknownTimes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            HttpResponse<String> a = send(domain, known, null);
            knownTimes.add(System.nanoTime() - start);
            start = System.nanoTime();
            HttpResponse<String> b = send(domain, "136001360" + (10 + i), null);
            unknownTimes.add(System.nanoTime() - start);
            assertThat(a.statusCode()).isEqualTo(b.statusCode()).isEqualTo(200);
            assertThat(json(a).keySet()).isEqualTo(json(b).keySet());
        }
        double ratio = (double) median(knownTimes) / median(unknownTimes);
        assertThat(ratio).as("median time known / unknown").isBetween(0.5, 2.0);
    }

    @Test
    void providerTimeoutsAndErrorsSayTryAgainLaterAndStillCount() throws Exception {
        String slow = domain("\"send_interval_seconds\": 60", "{\"type\":\"webhook\",\"url\":\"" + sms.baseUrl()
                + "/slow/DOMAIN\",\"signing_secret\":\"" + WEBHOOK_SECRET + "\",\"read_timeout_ms\":500}");
        long start = System.nanoTime();
        HttpResponse<String> timedOut = send(slow, NUMBER, null);
        assertThat((System.nanoTime() - start) / 1_000_000).as("bounded by the read timeout").isLessThan(2500);
        assertError(timedOut, 503, "ServiceUnavailable");
        assertThat(json(timedOut).getString("message")).contains("Try again later");
        assertThat(send(slow, NUMBER, null).statusCode()).as("the failed attempt counted").isEqualTo(429);

        String failing = domain("\"send_interval_seconds\": 0", webhook("fail"));
        HttpResponse<String> error = send(failing, NUMBER, null);
        assertError(error, 503, "ServiceUnavailable");
        assertThat(error.body()).doesNotContain("provider down").doesNotContain(NUMBER);
        assertThat(database.count("SELECT count(*) FROM sms_challenges WHERE domain_id = ? AND state = 'DEAD'", failing))
                .as("a code that was never delivered can never be used").isEqualTo(1);
        assertThat(server.log()).doesNotContain(NUMBER).doesNotContain(WEBHOOK_SECRET);
    }

    @Test
    void anOpenBreakerSkipsTheFailingGatewayAndTheSecondGatewayTakesOver() throws Exception {
        String alone = domain("\"send_interval_seconds\": 0, \"breaker_failures\": 2, \"breaker_open_seconds\": 600", webhook("fail"));
        assertThat(send(alone, NUMBER, null).statusCode()).isEqualTo(503);
        assertThat(send(alone, NUMBER, null).statusCode()).isEqualTo(503);
        assertThat(send(alone, NUMBER, null).statusCode()).as("breaker open").isEqualTo(503);
        assertThat(sms.findAll(postRequestedFor(urlPathEqualTo("/fail/" + alone)))).as("not called while open").hasSize(2);
        // the domain's other sign-in methods are unaffected by its SMS gateway's trouble
        database.enableUserSystem(alone, "password", "{}");
        database.createPasswordUser(alone, "while-sms-is-down", "password-while-sms-is-down-1", "USER", "ENABLED");
        assertThat(new WebSession(server, alone + SharedServer.HOST_SUFFIX).login("while-sms-is-down", "password-while-sms-is-down-1")
                .statusCode()).as("password sign-in while the breaker is open").isEqualTo(302);

        String failover = domain("\"send_interval_seconds\": 0, \"breaker_failures\": 1, \"breaker_open_seconds\": 600",
                webhook("fail") + "," + webhook("ok"));
        HttpResponse<String> first = send(failover, NUMBER, null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(login(failover, NUMBER, json(first).getString("sms_code_id"), codeSentTo(failover, "+86" + NUMBER), true)
                .statusCode()).isEqualTo(200);
        assertThat(send(failover, NUMBER, null).statusCode()).isEqualTo(200);
        assertThat(sms.findAll(postRequestedFor(urlPathEqualTo("/fail/" + failover)))).as("skipped once its breaker opened").hasSize(1);
        assertThat(webhookCalls(failover)).isEqualTo(2);
    }

    @Test
    void alibabaCloudSmsGetsASignedSendSmsAndItsFlowControlFailsOverToTheWebhook() throws Exception {
        String aliyun = "{\"type\":\"aliyun\",\"endpoint\":\"" + sms.baseUrl() + "\",\"access_key_id\":\"" + ALIYUN_KEY_ID
                + "\",\"access_key_secret\":\"" + ALIYUN_SECRET + "\",\"sign_name\":\"Lanyard\",\"template_code\":\"SMS_100001\"}";
        String domain = domain("\"send_interval_seconds\": 0", aliyun + "," + webhook("ok"));
        HttpResponse<String> sent = send(domain, NUMBER, null);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        List<LoggedRequest> calls = sms.findAll(postRequestedFor(urlPathEqualTo("/")));
        LoggedRequest call = calls.get(calls.size() - 1);
        Map<String, String> form = AliyunSmsFake.decodeForm(call.getBodyAsString());
        assertThat(form).containsEntry("Action", "SendSms").containsEntry("PhoneNumbers", NUMBER)
                .containsEntry("SignName", "Lanyard").containsEntry("TemplateCode", "SMS_100001")
                .containsEntry("SignatureMethod", "HMAC-SHA1").containsEntry("Format", "JSON");
        String code = Json.createReader(new StringReader(form.get("TemplateParam"))).readObject().getString("code");
        assertThat(login(domain, NUMBER, json(sent).getString("sms_code_id"), code, true).statusCode()).isEqualTo(200);
        assertThat(webhookCalls(domain)).as("Alibaba Cloud answered Code OK: no failover").isZero();

        // numbers ending in 0001 hit the fake's flow control (isv.BUSINESS_LIMIT_CONTROL): the webhook takes over
        HttpResponse<String> limited = send(domain, "13800010001", null);
        assertThat(limited.statusCode()).isEqualTo(200);
        assertThat(webhookCalls(domain)).isEqualTo(1);

        // a wrong AccessKey secret: the fake refuses the signature, and with no second gateway the send fails
        String badKey = domain("\"send_interval_seconds\": 0", aliyun.replace(ALIYUN_SECRET, "not-the-secret-0123456789"));
        assertError(send(badKey, NUMBER, null), 503, "ServiceUnavailable");
        assertThat(server.log()).contains("SignatureDoesNotMatch").doesNotContain(ALIYUN_SECRET).doesNotContain("not-the-secret");
    }

    // ---- helpers

    /** A new domain with mobile sign-in enabled: extra settings, the gateways (DOMAIN in a URL becomes the domain id). */
    private String domain(String settings, String gateways) throws Exception {
        String domain = "m" + UUID.randomUUID().toString().substring(0, 8);
        database.createDomain(domain, "Mobile " + domain);
        database.enableUserSystem(domain, "mobile", ("{" + settings + ", \"gateways\": [" + gateways + "]}").replace("DOMAIN", domain));
        database.createApp(domain, APP, "NATIVE", null, List.of("http://127.0.0.1:4000/cb"), List.of("all"), false);
        return domain;
    }

    private static String webhook(String behaviour) {
        return "{\"type\":\"webhook\",\"url\":\"" + sms.baseUrl() + "/" + behaviour + "/DOMAIN\",\"signing_secret\":\"" + WEBHOOK_SECRET + "\"}";
    }

    private static int webhookCalls(String domain) {
        return sms.findAll(postRequestedFor(urlPathEqualTo("/ok/" + domain))).size();
    }

    /** The code of the newest message the webhook got for the number, after checking the webhook's signature. */
    private static String codeSentTo(String domain, String e164) throws Exception {
        List<LoggedRequest> received = sms.findAll(postRequestedFor(urlPathEqualTo("/ok/" + domain)));
        for (int i = received.size() - 1; i >= 0; i--) {
            LoggedRequest request = received.get(i);
            JsonObject body = Json.createReader(new StringReader(request.getBodyAsString())).readObject();
            if (body.getString("phone_number").equals(e164)) {
                String timestamp = request.getHeader("X-Lanyard-Timestamp");
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + request.getBodyAsString())
                        .getBytes(StandardCharsets.UTF_8)));
                assertThat(request.getHeader("X-Lanyard-Signature")).isEqualTo(expected);
                assertThat(body.getString("text")).contains(body.getString("code"));
                return body.getString("code");
            }
        }
        throw new AssertionError("no SMS to " + e164 + " in domain " + domain);
    }

    private HttpResponse<String> send(String domain, String number, String region) throws Exception {
        return post(domain, "/v2/account/send_sms_code", "{\"app_id\":\"" + APP + "\",\"phone_number\":\"" + number + "\""
                + (region == null ? "" : ",\"phone_region\":\"" + region + "\"") + ",\"type\":\"login\"}");
    }

    private HttpResponse<String> login(String domain, String number, String challenge, String code, boolean autoRegister) throws Exception {
        return post(domain, "/v2/account/login", "{\"app_id\":\"" + APP + "\",\"phone_number\":\"" + number + "\",\"sms_code_id\":\""
                + challenge + "\",\"sms_code\":\"" + code + "\",\"auto_register\":" + autoRegister + "}");
    }

    private HttpResponse<String> post(String domain, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).header("Host", host(domain))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String host(String domain) {
        return domain + SharedServer.HOST_SUFFIX + ":" + server.port();
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static void assertRefusedCode(HttpResponse<String> response) {
        assertError(response, 400, "InvalidParameter.SmsCode");
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).getString("code")).isEqualTo(code);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.lanyard");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
