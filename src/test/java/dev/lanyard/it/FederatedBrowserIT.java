package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.AliyunOAuthFake;
import dev.lanyard.it.support.Chromium;
import dev.lanyard.it.support.DingTalkFake;
import dev.lanyard.it.support.IdentityProviderFakes;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.OAuthBrowser;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * DingTalk and RAM-user sign-in as a person does it in Chromium: the app's authorize URL, the provider's button on the
 * logon page, the provider's page (the fake's stands in for it), back to Lanyard's consent, and the app's code
 * exchanged for tokens of the user the provider vouched for.
 */
@ExtendWith(SharedServer.class)
class FederatedBrowserIT {

    private static final String APP_SECRET = "browser-app-secret-0123456789";
    private static IdentityProviderFakes providers;
    private static DingTalkFake dingtalk;
    private static AliyunOAuthFake aliyun;

    private final LanyardServer server;
    private final TestDatabase database;
    private WebDriver browser;

    FederatedBrowserIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeAll
    static void startFakes() {
        providers = IdentityProviderFakes.start();
        dingtalk = providers.dingtalk;
        aliyun = providers.aliyun;
        dingtalk.registerApp("ding-browser", "ding-browser-secret-0123");
        dingtalk.add(DingTalkFake.person("dora", "union-dora", "Dora 钉钉"));
        aliyun.registerApp("ram-browser", "ram-browser-secret-0123");
        aliyun.add(AliyunOAuthFake.ramUser("rita", "1111222233334444", "3000001"));
    }

    @AfterAll
    static void stopFakes() {
        providers.close();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signInWithDingTalkOnAPhone() throws Exception {
        Domain domain = domain("dingtalk", "{\"app_key\": \"ding-browser\", \"app_secret\": \"ding-browser-secret-0123\", \"auto_create\": true, \"authorize_url\": \""
                + providers.baseUrl() + "/oauth2/auth\", \"api_base_url\": \"" + providers.baseUrl() + "\"}");
        browser = Chromium.start("zh-CN", domain.host());
        browser.manage().window().setSize(new Dimension(375, 812));
        browser.get(domain.authorizeUrl());
        assertThat(browser.findElement(By.id("dingtalk-start")).getAttribute("value")).isEqualTo("使用钉钉登录");
        Chromium.screenshot(browser, "dingtalk-logon-phone-zh");
        browser.findElement(By.id("dingtalk-start")).click();

        assertThat(browser.findElement(By.id("fake-provider")).getText()).isEqualTo("DingTalk (fake)");
        browser.findElement(By.id("as-dora")).click();
        JsonObject tokens = consentAndExchange(domain);
        assertThat(tokens.getString("nick_name")).isEqualTo("Dora 钉钉");
        assertThat(database.count("SELECT count(*) FROM identities WHERE domain_id = ? AND identity_type = 'dingtalk' AND identity_value = 'union-dora'",
                domain.id())).isEqualTo(1);
    }

    @Test
    void signInAsARamUserOnAComputer() throws Exception {
        Domain domain = domain("ram", "{\"client_id\": \"ram-browser\", \"client_secret\": \"ram-browser-secret-0123\", "
                + "\"allowed_account_ids\": [\"1111222233334444\"], \"authorize_url\": \"" + providers.baseUrl() + "/oauth2/v1/auth\", "
                + "\"token_url\": \"" + providers.baseUrl() + "/v1/token\", \"userinfo_url\": \"" + providers.baseUrl() + "/v1/userinfo\"}");
        browser = Chromium.start("en-US", domain.host());
        browser.get(domain.authorizeUrl());
        assertThat(browser.findElement(By.id("ram-start")).getAttribute("value")).isEqualTo("Sign in with Alibaba Cloud");
        Chromium.screenshot(browser, "ram-logon-desktop-en");
        browser.findElement(By.id("ram-start")).click();

        assertThat(browser.findElement(By.id("fake-provider")).getText()).isEqualTo("Alibaba Cloud (fake)");
        browser.findElement(By.id("as-rita")).click();
        JsonObject tokens = consentAndExchange(domain);
        assertThat(tokens.getString("nick_name")).isEqualTo("rita@1111222233334444.onaliyun.com");
    }

    @Test
    void aComputerShowsACodeAndSignsInByItselfOnceThePhoneConfirms() throws Exception {
        Domain domain = domain("dingtalk", "{\"app_key\": \"ding-browser\", \"app_secret\": \"ding-browser-secret-0123\", \"auto_create\": true, \"authorize_url\": \""
                + providers.baseUrl() + "/oauth2/auth\", \"api_base_url\": \"" + providers.baseUrl() + "\"}");
        browser = Chromium.start("en-US", domain.host());
        browser.get(domain.authorizeUrl() + "&login_type=ding");
        String code = QrImages.decodeSvgDataUri(browser.findElement(By.id("scan-code")).getAttribute("src"));
        assertThat(code).startsWith(providers.baseUrl() + "/oauth2/auth?");
        assertThat(browser.findElement(By.id("scan-status")).getText()).isEqualTo("Waiting for your phone...");
        String number = browser.findElement(By.id("scan-match")).getText();
        Chromium.screenshot(browser, "dingtalk-scan-desktop-en");

        // the phone: DingTalk's app opens the code's URL, the person signs in and confirms on the phone
        HttpClient phoneHttp = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String page = phoneHttp.send(HttpRequest.newBuilder(URI.create(code)).build(), HttpResponse.BodyHandlers.ofString()).body();
        String approve = Jsoup.parse(page, code).getElementById("as-dora").absUrl("href");
        URI callback = URI.create(phoneHttp.send(HttpRequest.newBuilder(URI.create(approve)).build(), HttpResponse.BodyHandlers.ofString())
                .headers().firstValue("Location").orElseThrow());
        WebSession phone = new WebSession(server, domain.host());
        HttpResponse<String> confirmPage = phone.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(phone.submit(Jsoup.parse(confirmPage.body(), server.baseUrl()), "scan-confirm", Map.of("match", number)).headers()
                .firstValue("Location").orElse("")).endsWith("confirmed=true");

        // the computer's page notices by itself and continues to the consent page
        JsonObject tokens = consentAndExchange(domain);
        assertThat(tokens.getString("nick_name")).isEqualTo("Dora 钉钉");
    }

    private JsonObject consentAndExchange(Domain domain) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("allow")));
        Chromium.screenshot(browser, "federated-consent-" + domain.id().substring(0, 2));
        browser.findElement(By.id("allow")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("code="));
        URI back = URI.create(browser.getCurrentUrl());
        assertThat(back.toString()).startsWith(domain.redirect()).contains("state=b1");
        HttpResponse<String> exchanged = new WebSession(server, domain.host()).post("/v2/oauth/token", Map.of(
                "grant_type", "authorization_code", "code", OAuthBrowser.param(back, "code"), "redirect_uri", domain.redirect(),
                "client_id", "browser-app", "client_secret", APP_SECRET));
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        return Json.createReader(new StringReader(exchanged.body())).readObject();
    }

    private record Domain(String id, String host, String base) {
        String redirect() {
            return base + "/callback-of-browser-app"; // Lanyard's own 404 page: the browser can land there on loopback
        }

        String authorizeUrl() {
            return base + "/v2/oauth/authorize?response_type=code&client_id=browser-app&redirect_uri=" + redirect() + "&state=b1";
        }
    }

    private Domain domain(String userSystem, String settings) throws Exception {
        String id = userSystem.substring(0, 2) + UUID.randomUUID().toString().substring(0, 8);
        String host = id + SharedServer.HOST_SUFFIX;
        Domain domain = new Domain(id, host, "http://" + host + ":" + server.port());
        database.createDomain(id, "Federated " + id);
        database.enableUserSystem(id, userSystem, settings);
        database.createApp(id, "browser-app", "WEB_SERVER", APP_SECRET, List.of(domain.redirect()), List.of("all"), false);
        return domain;
    }
}
