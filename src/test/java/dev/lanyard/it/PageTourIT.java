package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lanyard.it.support.AcsSigner;
import dev.lanyard.it.support.Chromium;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.TestKeys;
import dev.lanyard.it.support.WebSession;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page a person sees, in English and in Chinese, at desktop width (1280 px) and phone width (375 px): the logon
 * page, every console tab, a user's and an app's page, the Domains tab, the account portal and the consent page. Each
 * is kept as target/screenshots/page-{name}-{desktop|phone}-{en|zh}.png, and each must be in the browser's language,
 * have its heading, show no server error, label every field for screen readers, and at phone width be no wider than
 * the screen (a table that does not fit scrolls inside its own box, the page does not). Also: the console by keyboard
 * alone, and every signed-in page answered with no-store and framing refused.
 */
@ExtendWith(SharedServer.class)
class PageTourIT {

    private static final String ROOT_PASSWORD = "tour-root-password-1";
    private static final String ADA_PASSWORD = "tour-ada-password-1";
    private static final String KEY_SECRET = "tour-access-key-secret-0123456789";
    private static final String REDIRECT = "https://portal.example/cb";
    /** Markup in names that people type must stay text on every page. */
    private static final String APP_NAME = "Portal with a rather long name <img src=x onerror=alert(1)>";
    private static final String NICK_NAME = "Ada <script>alert(2)</script>";

    /** The English texts (of some length, without placeholders) whose Chinese text differs: none belongs on a zh page. */
    private static final List<String> ENGLISH_ONLY = englishOnlyTexts();

    private final LanyardServer server;
    private final TestDatabase database;
    private WebDriver browser;

    PageTourIT(LanyardServer server, TestDatabase database) {
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
    void everyPageInEnglishAndChineseAtDesktopAndPhoneWidth() throws Exception {
        String domain = "pt" + UUID.randomUUID().toString().substring(0, 8);
        String host = domain + SharedServer.HOST_SUFFIX;
        String base = "http://" + host + ":" + server.port();
        SharedServer.importDomain(server, """
                {"domain_id": "%s", "name": "Page tour",
                 "user_systems": {"password": {"enabled": true}, "mobile": {"enabled": true}},
                 "users": [{"user_id": "root", "nick_name": "Root", "role": "superadmin", "password": "%s"},
                           {"user_id": "ada", "nick_name": %s, "phone": "+8613800138666", "email": "ada@example.com",
                            "password": "%s"}],
                 "apps": [{"app_id": "portal", "name": %s, "type": "WebServer",
                           "redirect_uris": ["%s"], "scopes": ["all"], "client_secret": "tour-portal-client-secret-0123"}],
                 "access_keys": [{"id": "ak-%s", "secret": "%s", "role": "admin", "description": "billing server"}]}
                """.formatted(domain, ROOT_PASSWORD, json(NICK_NAME), ADA_PASSWORD, json(APP_NAME), REDIRECT, domain, KEY_SECRET));
        database.addIdentity(domain, "ada", "mobile", "+8613800138666");
        mintOnAdasBehalf(domain, host);

        Map<String, String> console = new LinkedHashMap<>();
        console.put("dashboard", "/admin/");
        console.put("user-systems", "/admin/user-systems.xhtml");
        console.put("users", "/admin/users.xhtml");
        console.put("user", "/admin/user.xhtml?user=ada");
        console.put("apps", "/admin/apps.xhtml");
        console.put("app", "/admin/app.xhtml?app=portal");
        console.put("access-keys", "/admin/access-keys.xhtml");
        console.put("audit", "/admin/audit.xhtml");
        console.put("sms-outbox", "/admin/sms-outbox.xhtml");
        String consent = "/v2/oauth/authorize?response_type=code&client_id=portal&scope=all&state=tour&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);

        for (String language : new String[] {"en", "zh-CN"}) {
            String lang = language.substring(0, 2);
            open(language, host);
            visit("login", base + "/", lang, "login-heading");
            Chromium.submitPasswordForm(browser, "root", ROOT_PASSWORD);
            for (Map.Entry<String, String> page : console.entrySet()) {
                visit(page.getKey(), base + page.getValue(), lang, null);
                if (page.getKey().equals("user")) {
                    assertThat(browser.findElement(By.tagName("main")).getText()).contains(NICK_NAME);
                    assertThat(browser.findElement(By.id("user-role")).getText()).isEqualTo(lang.equals("zh") ? "用户" : "user");
                    assertThat(browser.findElement(By.id("user-status")).getText()).isEqualTo(lang.equals("zh") ? "已启用" : "enabled");
                } else if (page.getKey().equals("apps") || page.getKey().equals("app")) {
                    assertThat(browser.findElement(By.tagName("main")).getText()).contains(APP_NAME);
                }
            }

            open(language, host);
            browser.get(base + "/");
            Chromium.submitPasswordForm(browser, "ada", ADA_PASSWORD);
            visit("account", base + "/account/", lang, "on-behalf-heading");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains(NICK_NAME);
            assertThat(browser.findElements(By.cssSelector("#on-behalf .on-behalf-source")).stream().map(WebElement::getText))
                    .as("tokens minted without Ada: by a server's AccessKey and by a JWT app's assertion")
                    .containsExactlyInAnyOrder("accesskey:ak-" + domain, "jwt-bearer");
            visit("consent", base + consent, lang, "allow");
            assertThat(browser.findElement(By.tagName("main")).getText()).contains(APP_NAME);

            open(language, null);
            browser.get(server.baseUrl() + "/");
            Chromium.submitPasswordForm(browser, "admin", LanyardServer.ADMIN_PASSWORD);
            visit("domains", server.baseUrl() + "/admin/domains.xhtml", lang, "tab-domains");
        }
    }

    @Test
    void aPersonSignsInAndMovesAroundTheConsoleWithTheKeyboardAlone() {
        open("en", null);
        browser.get(server.baseUrl() + "/");
        tabTo("username", 15);
        Object outline = ((JavascriptExecutor) browser).executeScript("return getComputedStyle(document.activeElement).outlineStyle;");
        assertThat(outline).as("the field with the focus is marked").isNotEqualTo("none");
        new Actions(browser).sendKeys("admin").sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("password");
        new Actions(browser).sendKeys(LanyardServer.ADMIN_PASSWORD).sendKeys(Keys.ENTER).perform();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(server.baseUrl() + "/admin/"));

        tabTo("tab-users", 40);
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/admin/users.xhtml"));
        tabTo("q", 40);
        new Actions(browser).sendKeys("admin").sendKeys(Keys.ENTER).perform();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("q=admin"));
        assertThat(browser.findElements(By.cssSelector("#users tbody tr"))).as("the search ran from the keyboard").isNotEmpty();
    }

    @Test
    void everySignedInPageIsNeitherStoredByCachesNorFramed() throws Exception {
        WebSession admin = new WebSession(server);
        assertThat(admin.login("admin", LanyardServer.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        for (String path : List.of("/admin/", "/admin/user-systems.xhtml", "/admin/users.xhtml", "/admin/apps.xhtml",
                "/admin/app.xhtml?app=BasicUI", "/admin/access-keys.xhtml", "/admin/audit.xhtml", "/admin/sms-outbox.xhtml",
                "/admin/domains.xhtml", "/account/")) {
            HttpResponse<String> page = admin.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'"));
        }
    }

    /** Presses Tab until the element with this id has the focus, at most {@code limit} times. */
    private void tabTo(String id, int limit) {
        for (int i = 0; i < limit && !id.equals(browser.switchTo().activeElement().getAttribute("id")); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("reached with Tab").isEqualTo(id);
    }

    /** A server's AccessKey call and a JWT app's assertion each get Ada a token: her "On my behalf" list. */
    private void mintOnAdasBehalf(String domain, String host) throws Exception {
        HttpResponse<String> byKey = new AcsSigner(server, host + ":" + server.port(), "ak-" + domain, KEY_SECRET)
                .post("/v2/user/get_access_token", "{\"user_id\": \"ada\"}", true).send();
        assertThat(byKey.statusCode()).as(byKey.body()).isEqualTo(200);

        KeyPair appKey = TestKeys.pair("RSA");
        database.createJwtApp(domain, "backend", Map.of("k1", TestKeys.pem(appKey.getPublic())), null, false, false);
        long now = System.currentTimeMillis();
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer("backend").subject("ada").claim("sub_type", "user").audience(domain)
                        .jwtID(UUID.randomUUID().toString()).issueTime(new Date(now)).expirationTime(new Date(now + 120_000)).build());
        assertion.sign(new RSASSASigner(appKey.getPrivate()));
        HttpResponse<String> byAssertion = new WebSession(server, host).post("/v2/oauth/token",
                Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", assertion.serialize()));
        assertThat(byAssertion.statusCode()).as(byAssertion.body()).isEqualTo(200);
    }

    /**
     * Opens {@code url} at both widths: the page is in the browser's language, shows its heading (or the element
     * {@code landmarkId}) and no error, fits a phone's screen, and is kept as a screenshot of each width.
     */
    private void visit(String name, String url, String lang, String landmarkId) {
        for (String width : List.of("desktop", "phone")) {
            browser.manage().window().setSize(width.equals("phone") ? new Dimension(375, 812) : new Dimension(1280, 900));
            browser.get(url);
            String where = name + " at " + width + " width in " + lang + " (" + browser.getCurrentUrl() + ")";
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).as(where).startsWith(lang);
            assertThat(browser.findElement(landmarkId == null ? By.tagName("main") : By.id(landmarkId)).isDisplayed()).as(where).isTrue();
            assertThat(browser.findElements(By.tagName("h1"))).as(where + ": a heading").isNotEmpty();
            if (lang.equals("zh")) {
                String shown = browser.findElement(By.tagName("body")).getText();
                assertThat(ENGLISH_ONLY.stream().filter(shown::contains).toList()).as(where + ": English texts on a Chinese page").isEmpty();
            }
            assertThat(browser.getPageSource()).as(where).doesNotContain("Exception").doesNotContain("at dev.lanyard.");
            // a script that ran would have left an alert open, and the next command would fail on it
            Object injected = ((JavascriptExecutor) browser).executeScript("return document.querySelectorAll('[onerror], img[src=x]').length;");
            assertThat(((Number) injected).intValue()).as(where + ": elements made from markup in a name").isZero();
            // every field has a name a screen reader reads out, every picture a text
            Object unlabelled = ((JavascriptExecutor) browser).executeScript("""
                    return Array.from(document.querySelectorAll(
                            'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea, img'))
                        .filter(e => e.tagName === 'IMG' ? !e.hasAttribute('alt')
                            : !(e.labels && e.labels.length && e.labels[0].textContent.trim()) && !e.getAttribute('aria-label')
                                && !(e.getAttribute('aria-labelledby') || '').split(' ').some(id => {
                                    const by = document.getElementById(id);
                                    return by && by.textContent.trim();
                                }))
                        .map(e => e.tagName + '#' + (e.id || e.name));""");
            assertThat((List<?>) unlabelled).as(where + ": fields without a label, pictures without a text").isEmpty();
            if (width.equals("phone")) {
                Object viewport = ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
                assertThat(((Number) viewport).intValue()).as(where + ": the window is a phone's").isLessThanOrEqualTo(375);
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "var d = document.documentElement; return d.scrollWidth - d.clientWidth;");
                assertThat(((Number) overflow).intValue()).as(where + ": wider than the screen by").isLessThanOrEqualTo(0);
            }
            Chromium.screenshot(browser, "page-" + name + "-" + width + "-" + lang);
        }
    }

    private static List<String> englishOnlyTexts() {
        try (java.io.InputStream en = PageTourIT.class.getResourceAsStream("/dev/lanyard/view/text.properties");
             java.io.InputStream zh = PageTourIT.class.getResourceAsStream("/dev/lanyard/view/text_zh.properties")) {
            java.util.Properties english = new java.util.Properties();
            english.load(en);
            java.util.Properties chinese = new java.util.Properties();
            chinese.load(zh);
            return english.stringPropertyNames().stream().map(key -> english.getProperty(key))
                    .filter(text -> text.length() >= 10 && !text.contains("{") && !chinese.containsValue(text))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void open(String language, String host) {
        if (browser != null) {
            browser.quit();
        }
        browser = host == null ? Chromium.start(language) : Chromium.start(language, host);
    }
}
