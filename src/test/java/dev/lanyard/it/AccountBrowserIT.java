package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.AcsSigner;
import dev.lanyard.it.support.Chromium;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.OAuthBrowser;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The rest of the seed's story in Chromium: a user signs in to the account portal, sees their sign-in methods, the
 * apps they are signed in to and the tokens minted on their behalf, saves their profile and revokes an app session;
 * a platform operator creates a domain and manages it. Screenshots (en and zh, desktop and 375 px) go to
 * target/screenshots.
 */
@ExtendWith(SharedServer.class)
class AccountBrowserIT {

    private static final String ADA_PASSWORD = "browser-ada-password-1";
    private static final String KEY_SECRET = "browser-account-key-secret-0123";
    private static final String PORTAL_SECRET = "browser-portal-client-secret-0123";
    private static final String PORTAL_REDIRECT = "https://portal.example/cb";

    private final LanyardServer server;
    private final TestDatabase database;
    private WebDriver browser;

    AccountBrowserIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aUserSeesTheirMethodsAndTheTokensMintedOnTheirBehalfSavesTheirProfileAndRevokesAnAppSession() throws Exception {
        String domain = "ab" + UUID.randomUUID().toString().substring(0, 8);
        String host = domain + SharedServer.HOST_SUFFIX;
        SharedServer.importDomain(server, """
                {"domain_id": "%s", "name": "Browser accounts",
                 "user_systems": {"password": {"enabled": true}, "mobile": {"enabled": true}},
                 "users": [{"user_id": "ada", "nick_name": "Ada Lovelace", "password": "%s"}],
                 "apps": [{"app_id": "portal", "name": "Portal", "type": "WebServer", "redirect_uris": ["%s"], "scopes": ["all"],
                           "client_secret": "%s"}],
                 "access_keys": [{"id": "ak-%s", "secret": "%s", "role": "admin", "description": "billing server"}]}
                """.formatted(domain, ADA_PASSWORD, PORTAL_REDIRECT, PORTAL_SECRET, domain, KEY_SECRET));
        database.addIdentity(domain, "ada", "mobile", "+8613800138777");
        // a server mints Ada a token with its AccessKey pair: an app session of hers, and an entry of "on my behalf"
        HttpResponse<String> minted = new AcsSigner(server, host + ":" + server.port(), "ak-" + domain, KEY_SECRET)
                .post("/v2/user/get_access_token", "{\"user_id\": \"ada\"}", true).send();
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);

        String base = "http://" + host + ":" + server.port();
        for (String language : new String[] {"en", "zh-CN"}) {
            String suffix = language.startsWith("zh") ? "zh" : "en";
            signIn(language, host, base, "ada", ADA_PASSWORD);
            if (suffix.equals("en")) {
                signInToThePortalApp(base);
            }
            browser.get(base + "/account/");
            assertThat(browser.findElement(By.id("account-methods")).getText()).contains("****8777");
            assertThat(texts(By.cssSelector("#on-behalf .on-behalf-source"))).containsExactly("accesskey:ak-" + domain);
            assertThat(browser.findElement(By.id("number-heading")).isDisplayed()).isTrue();
            if (suffix.equals("en")) {
                WebElement nickName = browser.findElement(By.id("profile-form:nick-name"));
                nickName.clear();
                nickName.sendKeys("Ada King");
                browser.findElement(By.id("profile-form:email")).sendKeys("ada@example.com");
                clickAndWaitForTheNextPage(browser.findElement(By.id("profile-form:save-profile")));
                assertThat(browser.findElement(By.id("account-notice")).getText()).isEqualTo("Your profile is saved.");
                assertThat(browser.findElement(By.id("profile-form:nick-name")).getAttribute("value")).isEqualTo("Ada King");
            }
            Chromium.screenshot(browser, "account-desktop-" + suffix);
            browser.manage().window().setSize(new Dimension(375, 812));
            Chromium.screenshot(browser, "account-phone-" + suffix);
            browser.manage().window().setSize(new Dimension(1280, 900));
            if (suffix.equals("en")) {
                assertThat(browser.findElements(By.cssSelector("#sessions tbody tr"))).hasSize(1);
                browser.findElement(By.cssSelector("#sessions input[type=submit]")).click();
                browser.switchTo().alert().accept(); // a destructive action asks first
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("no-sessions")));
                assertThat(database.count("SELECT count(*) FROM refresh_families WHERE domain_id = ? AND user_id = 'ada' AND revoked_at IS NULL",
                        domain)).isZero();
            }
        }
        assertThat(database.string("SELECT nick_name FROM users WHERE domain_id = ? AND user_id = 'ada'", domain)).isEqualTo("Ada King");
    }

    @Test
    void anOperatorCreatesADomainAndManagesIt() throws Exception {
        for (String language : new String[] {"en", "zh-CN"}) {
            String suffix = language.startsWith("zh") ? "zh" : "en";
            signIn(language, null, server.baseUrl(), "admin", LanyardServer.ADMIN_PASSWORD);
            clickAndWaitForTheNextPage(browser.findElement(By.id("tab-domains")));
            String id = "od" + UUID.randomUUID().toString().substring(0, 8);
            browser.findElement(By.id("create-form:domain-id")).sendKeys(id);
            browser.findElement(By.id("create-form:name")).sendKeys("Operated " + suffix);
            browser.findElement(By.id("create-form:admin-user-id")).sendKeys("owner");
            browser.findElement(By.id("create-form:admin-password")).sendKeys("operated-owner-password-1");
            clickAndWaitForTheNextPage(browser.findElement(By.id("create-form:create")));
            assertThat(browser.findElement(By.id("new-domain")).getText()).contains(id);
            Chromium.screenshot(browser, "domains-desktop-" + suffix);
            browser.manage().window().setSize(new Dimension(375, 812));
            Chromium.screenshot(browser, "domains-phone-" + suffix);
            browser.manage().window().setSize(new Dimension(1280, 900));

            clickAndWaitForTheNextPage(browser.findElement(By.id("manage-new")));
            assertThat(browser.findElement(By.id("domain-id")).getText()).isEqualTo(id);
            assertThat(browser.findElement(By.id("managing")).getText()).contains(id);
            Chromium.screenshot(browser, "managed-domain-desktop-" + suffix);
            clickAndWaitForTheNextPage(browser.findElement(By.id("back-home")));
            assertThat(browser.findElement(By.id("domain-id")).getText()).isEqualTo("default");
        }
    }

    /**
     * Ada, signed in, opens the Portal app's authorization request and allows it; the app exchanges the code it got
     * (read from the address the browser was sent to) for tokens: an app session with a refresh token.
     */
    private void signInToThePortalApp(String base) throws Exception {
        String verifier = "v".repeat(43);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = URLEncoder.encode(PORTAL_REDIRECT, StandardCharsets.UTF_8);
        browser.get(base + "/v2/oauth/authorize?response_type=code&client_id=portal&scope=all&state=s1&code_challenge_method=S256"
                + "&code_challenge=" + challenge + "&redirect_uri=" + redirect);
        browser.findElement(By.id("allow")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().startsWith(PORTAL_REDIRECT));
        String code = OAuthBrowser.param(URI.create(browser.getCurrentUrl()), "code");
        String form = "grant_type=authorization_code&client_id=portal&client_secret=" + PORTAL_SECRET + "&code=" + code
                + "&code_verifier=" + verifier + "&redirect_uri=" + redirect;
        HttpResponse<String> tokens = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(server.uri("/v2/oauth/token"))
                .header("Host", URI.create(base).getAuthority()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.body()).contains("refresh_token");
    }

    /** A fresh browser in this language (the last one closed) signed in as {@code user} on {@code base}. */
    private void signIn(String language, String host, String base, String user, String password) {
        if (browser != null) {
            browser.quit();
        }
        browser = host == null ? Chromium.start(language) : Chromium.start(language, host);
        browser.get(base + "/");
        Chromium.submitPasswordForm(browser, user, password);
    }

    private List<String> texts(By selector) {
        return browser.findElements(selector).stream().map(WebElement::getText).toList();
    }

    private void clickAndWaitForTheNextPage(WebElement element) {
        Chromium.clickAndWaitForTheNextPage(browser, element);
    }
}
