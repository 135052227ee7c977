package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.AcsSigner;
import dev.lanyard.it.support.Chromium;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What a person sees in a real browser: sign in as admin, the dashboard, sign out. Screenshots go to target/screenshots. */
@ExtendWith(SharedServer.class)
class AdminBrowserIT {

    private final LanyardServer server;
    private final TestDatabase database;
    private WebDriver browser;

    AdminBrowserIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start("en");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void adminSignsInSeesTheDashboardAndSignsOut() {
        browser.get(server.baseUrl() + "/");
        assertThat(browser.findElement(By.id("login-heading")).getText()).isEqualTo("Sign in to Default");
        Chromium.screenshot(browser, "login-desktop-en");

        Chromium.submitPasswordForm(browser, "admin", LanyardServer.ADMIN_PASSWORD);

        assertThat(browser.getCurrentUrl()).isEqualTo(server.baseUrl() + "/admin/");
        assertThat(browser.findElement(By.id("domain-id")).getText()).isEqualTo("default");
        assertThat(browser.findElement(By.id("users")).getText()).contains("superadmin");
        assertThat(browser.findElement(By.id("apps")).getText()).contains("BasicUI");
        Chromium.screenshot(browser, "dashboard-desktop-en");

        browser.manage().window().setSize(new Dimension(375, 812));
        Chromium.screenshot(browser, "dashboard-phone-en");
        browser.manage().window().setSize(new Dimension(1280, 900));

        clickAndWaitForTheNextPage(browser.findElement(By.id("logout-form:logout")));
        assertThat(browser.findElement(By.id("login-heading")).getText()).isEqualTo("Sign in to Default");
        browser.get(server.baseUrl() + "/admin/");
        assertThat(browser.getCurrentUrl()).contains("/login.xhtml?next=");
        Chromium.screenshot(browser, "after-logout-en");
    }

    @Test
    void wrongPasswordShowsTheMessageNextToTheForm() {
        browser.get(server.baseUrl() + "/");
        Chromium.submitPasswordForm(browser, "admin", "certainly-wrong");
        // the logon page before the POST has an empty #messages too: wait for the answer's, re-finding it each time
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Wrong username or password"));
        Chromium.screenshot(browser, "login-failed-en");
    }

    @Test
    void chineseBrowserGetsTheChineseLogonPage() {
        browser.quit();
        browser = Chromium.start("zh-CN");
        browser.get(server.baseUrl() + "/");
        assertThat(browser.findElement(By.id("login-heading")).getText()).startsWith("登录到");
        browser.manage().window().setSize(new Dimension(375, 812));
        Chromium.screenshot(browser, "login-phone-zh");
    }

    @Test
    void superadminCreatesAnAccessKeySeesTheSecretOnceThenDisablesAndDeletesIt() throws Exception {
        signIn();
        clickAndWaitForTheNextPage(browser.findElement(By.id("access-keys-link")));
        assertThat(browser.findElement(By.id("keys-heading")).getText()).isEqualTo("AccessKey pairs");
        browser.findElement(By.id("create-form:description")).sendKeys("billing server <b>eu</b>");
        clickAndWaitForTheNextPage(browser.findElement(By.id("create-form:create")));

        String id = browser.findElement(By.id("new-key-id")).getText();
        String secret = browser.findElement(By.id("new-key-secret")).getText();
        assertThat(id).startsWith("LK");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(row(id).getText()).contains("billing server <b>eu</b>").contains("admin").contains("enabled").contains("never");
        Chromium.screenshot(browser, "access-keys-created-desktop-en");
        browser.manage().window().setSize(new Dimension(375, 812));
        Chromium.screenshot(browser, "access-keys-created-phone-en");
        browser.manage().window().setSize(new Dimension(1280, 900));

        AcsSigner key = new AcsSigner(server, null, id, secret);
        assertThat(key.post("/v2/user/list", "{\"limit\": 1}", true).send().statusCode()).as("the new key signs at once").isEqualTo(200);
        browser.get(server.baseUrl() + "/admin/access-keys.xhtml");
        assertThat(browser.findElements(By.id("new-key-secret"))).as("the secret is shown once").isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(secret);
        assertThat(row(id).getText()).doesNotContain("never");

        row(id).findElement(By.cssSelector("input[value=Disable]")).click();
        browser.switchTo().alert().dismiss();
        assertThat(row(id).getText()).as("still enabled when the confirmation is dismissed").contains("enabled").doesNotContain("disabled");
        assertThat(database.string("SELECT status FROM access_keys WHERE access_key_id = ?", id)).isEqualTo("ENABLED");
        WebElement disable = row(id).findElement(By.cssSelector("input[value=Disable]"));
        disable.click();
        browser.switchTo().alert().accept();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(disable));
        assertThat(row(id).getText()).contains("disabled");
        assertThat(key.post("/v2/user/list", "{}", true).send().statusCode()).as("disabled at once").isEqualTo(401);
        assertThat(accessKeyEvents("access_key.updated", id)).as(database.string("SELECT event_type || ' ' || coalesce(subject, '-') || ' ' || coalesce(detail, '-') FROM audit_events WHERE detail LIKE ? ORDER BY created_at DESC", "%" + id + "%")).isEqualTo(1);

        row(id).findElement(By.cssSelector("input[value=Delete]")).click();
        browser.switchTo().alert().dismiss();
        assertThat(row(id).isDisplayed()).as("kept when the confirmation is dismissed").isTrue();
        WebElement delete = row(id).findElement(By.cssSelector("input[value=Delete]"));
        delete.click();
        browser.switchTo().alert().accept();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(delete));
        assertThat(browser.findElements(By.xpath("//tr[.//code[text()='" + id + "']]"))).isEmpty();
        assertThat(accessKeyEvents("access_key.created", id)).isEqualTo(1);
        assertThat(accessKeyEvents("access_key.deleted", id)).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM audit_events WHERE detail LIKE ?", "%" + secret + "%")).as("never the secret").isZero();
        Chromium.screenshot(browser, "access-keys-desktop-en");

        browser.quit();
        browser = Chromium.start("zh-CN");
        signIn();
        browser.get(server.baseUrl() + "/admin/access-keys.xhtml");
        assertThat(browser.findElement(By.id("keys-heading")).getText()).isEqualTo("AccessKey 密钥对");
        Chromium.screenshot(browser, "access-keys-desktop-zh");
        browser.manage().window().setSize(new Dimension(375, 812));
        Chromium.screenshot(browser, "access-keys-phone-zh");
    }

    @Test
    void superadminFindsAFailedSignInInTheAuditLogByItsFilters() {
        browser.get(server.baseUrl() + "/");
        Chromium.submitPasswordForm(browser, "admin", "not-the-password");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Wrong username or password"));
        signIn();
        clickAndWaitForTheNextPage(browser.findElement(By.id("audit-link")));
        assertThat(browser.findElement(By.id("audit-heading")).getText()).isEqualTo("Audit log");
        assertThat(browser.findElement(By.id("sign-in-chart")).isDisplayed()).isTrue();

        new Select(browser.findElement(By.id("result"))).selectByValue("failure");
        new Select(browser.findElement(By.id("type"))).selectByValue("login.failure");
        clickAndWaitForTheNextPage(browser.findElement(By.id("apply")));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("result=failure"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#events tbody tr"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).getText()).contains("login.failure").contains("failure").contains("wrong password");
        assertThat(browser.findElement(By.id("export")).getAttribute("href")).contains("/admin/audit/export?").contains("result=failure");
        java.nio.file.Path downloads = Chromium.downloadsInto(browser);
        browser.findElement(By.id("export")).click();
        List<String> csv = Chromium.awaitDownload(downloads, ".csv");
        assertThat(csv.get(0)).as("the header line").startsWith("\"time\",\"event\"");
        assertThat(csv.subList(1, csv.size())).as("only the filtered events").isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("\"login.failure\",\"failure\""));
        Chromium.screenshot(browser, "audit-desktop-en");
        browser.manage().window().setSize(new Dimension(375, 812));
        Chromium.screenshot(browser, "audit-phone-en");

        browser.quit();
        browser = Chromium.start("zh-CN");
        signIn();
        browser.get(server.baseUrl() + "/admin/audit.xhtml?result=failure");
        assertThat(browser.findElement(By.id("audit-heading")).getText()).isEqualTo("审计日志");
        Chromium.screenshot(browser, "audit-desktop-zh");
        browser.manage().window().setSize(new Dimension(375, 812));
        Chromium.screenshot(browser, "audit-phone-zh");
    }

    @Test
    void superadminAllowsBasicUiAndCreatesAWebServerAppAndAJwtAppWithAGeneratedKey() throws Exception {
        String domain = "ui" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String host = domain + SharedServer.HOST_SUFFIX;
        String file = """
                {"domain_id": "%s", "name": "Browser apps", "user_systems": {"password": {"enabled": true}},
                 "users": [{"user_id": "root", "nick_name": "Root", "role": "superadmin", "password": "browser-root-password-1"}]}
                """.formatted(domain);
        SharedServer.importDomain(server, file);
        String base = "http://" + host + ":" + server.port();
        for (String language : new String[] {"en", "zh-CN"}) {
            signInAsRoot(language, host, base);
            clickAndWaitForTheNextPage(browser.findElement(By.id("tab-apps")));
            String suffix = language.startsWith("zh") ? "zh" : "en";
            if (suffix.equals("en")) {
                WebElement allow = appRow("BasicUI").findElement(By.cssSelector("input[value='Allow Access']"));
                clickAndWaitForTheNextPage(allow);
                assertThat(appRow("BasicUI").getText()).contains("enabled");
                assertThat(appRow("BasicUI").findElement(By.cssSelector("input[type=submit]")).getAttribute("value")).isEqualTo("Disallow");

                browser.findElement(By.id("create-form:name")).sendKeys("Web portal");
                new Select(browser.findElement(By.id("create-form:type"))).selectByValue("WebServer");
                browser.findElement(By.id("create-form:redirects")).sendKeys("https://portal.example/callback");
                clickAndWaitForTheNextPage(browser.findElement(By.id("create-form:create")));
                assertThat(browser.findElement(By.id("new-app-secret")).getText()).hasSizeGreaterThanOrEqualTo(43);
                assertThat(browser.findElement(By.id("new-app-authorize")).getText()).startsWith(base + "/v2/oauth/authorize?response_type=code");
                Chromium.screenshot(browser, "apps-created-desktop-en");

                browser.findElement(By.id("create-form:name")).sendKeys("Billing backend");
                new Select(browser.findElement(By.id("create-form:type"))).selectByValue("JWT");
                clickAndWaitForTheNextPage(browser.findElement(By.id("create-form:create")));
                assertThat(browser.findElement(By.id("new-app-private-key")).getText()).startsWith("-----BEGIN PRIVATE KEY-----");
                Chromium.screenshot(browser, "apps-jwt-created-desktop-en");
                browser.get(base + "/admin/apps.xhtml");
                assertThat(browser.getPageSource()).doesNotContain("BEGIN PRIVATE KEY");
                clickAndWaitForTheNextPage(appRow("Billing backend").findElement(By.cssSelector("a.app-name")));
                assertThat(browser.findElements(By.cssSelector("#public-keys code.kid"))).hasSize(1);
                Chromium.screenshot(browser, "app-detail-desktop-en");
                browser.manage().window().setSize(new Dimension(375, 812));
                Chromium.screenshot(browser, "app-detail-phone-en");
                browser.get(base + "/admin/apps.xhtml");
            } else {
                assertThat(browser.findElement(By.id("apps-heading")).getText()).isEqualTo("应用");
                assertThat(appRow("BasicUI").findElement(By.cssSelector("input[type=submit]")).getAttribute("value")).isEqualTo("禁止访问");
            }
            Chromium.screenshot(browser, "apps-desktop-" + suffix);
            browser.manage().window().setSize(new Dimension(375, 812));
            Chromium.screenshot(browser, "apps-phone-" + suffix);
        }
    }

    @Test
    void superadminEnablesMobileSignInLooksUpAUserAndRevokesTheirSessions() throws Exception {
        String domain = "us" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String host = domain + SharedServer.HOST_SUFFIX;
        SharedServer.importDomain(server, """
                {"domain_id": "%s", "name": "Browser users", "user_systems": {"password": {"enabled": true}},
                 "users": [{"user_id": "root", "nick_name": "Root", "role": "superadmin", "password": "browser-root-password-1"},
                           {"user_id": "ada", "nick_name": "Ada Lovelace", "phone": "+8613800138555", "email": "ada@example.com"}]}
                """.formatted(domain));
        String base = "http://" + host + ":" + server.port();
        for (String language : new String[] {"en", "zh-CN"}) {
            String suffix = language.startsWith("zh") ? "zh" : "en";
            signInAsRoot(language, host, base);

            clickAndWaitForTheNextPage(browser.findElement(By.id("tab-user-systems")));
            if (suffix.equals("en")) {
                assertThat(browser.findElement(By.id("mobile-status")).getText()).isEqualTo("disabled");
                clickAndWaitForTheNextPage(browser.findElement(By.id("mobile-form:toggle")));
                assertThat(browser.findElement(By.id("mobile-status")).getText()).isEqualTo("enabled");
            }
            Chromium.screenshot(browser, "user-systems-desktop-" + suffix);
            browser.manage().window().setSize(new Dimension(375, 812));
            Chromium.screenshot(browser, "user-systems-phone-" + suffix);
            browser.manage().window().setSize(new Dimension(1280, 900));

            clickAndWaitForTheNextPage(browser.findElement(By.id("tab-users")));
            browser.findElement(By.id("q")).sendKeys("138 0013 8555");
            clickAndWaitForTheNextPage(browser.findElement(By.id("search")));
            List<WebElement> found = browser.findElements(By.cssSelector("#users tbody tr"));
            assertThat(found).hasSize(1);
            assertThat(found.get(0).getText()).contains("Ada Lovelace").contains("ada@example.com");
            Chromium.screenshot(browser, "users-desktop-" + suffix);
            browser.manage().window().setSize(new Dimension(375, 812));
            Chromium.screenshot(browser, "users-phone-" + suffix);
            browser.manage().window().setSize(new Dimension(1280, 900));

            clickAndWaitForTheNextPage(found.get(0).findElement(By.cssSelector("a.user-name")));
            assertThat(browser.findElement(By.id("user-id")).getText()).isEqualTo("ada");
            if (suffix.equals("en")) {
                WebElement revoke = browser.findElement(By.id("revoke-form:revoke"));
                revoke.click();
                browser.switchTo().alert().accept(); // the confirmation a destructive action asks for
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("revoked")));

                // saving her role asks nothing; setting her status to disabled asks first, and a "no" keeps her enabled
                Chromium.clickAndWaitForTheNextPage(browser, browser.findElement(By.id("role-form:save")));
                new Select(browser.findElement(By.id("role-form:status"))).selectByValue("disabled");
                browser.findElement(By.id("role-form:save")).click();
                browser.switchTo().alert().dismiss();
                assertThat(browser.findElement(By.id("user-status")).getText()).isEqualTo("enabled");
                assertThat(database.string("SELECT status FROM users WHERE domain_id = ? AND user_id = 'ada'", domain)).isEqualTo("ENABLED");
                WebElement save = browser.findElement(By.id("role-form:save"));
                save.click();
                browser.switchTo().alert().accept();
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(save));
                assertThat(browser.findElement(By.id("user-status")).getText()).isEqualTo("disabled");
                new Select(browser.findElement(By.id("role-form:status"))).selectByValue("enabled");
                Chromium.clickAndWaitForTheNextPage(browser, browser.findElement(By.id("role-form:save")));
                assertThat(browser.findElement(By.id("user-status")).getText()).isEqualTo("enabled");
            }
            Chromium.screenshot(browser, "user-detail-desktop-" + suffix);
            browser.manage().window().setSize(new Dimension(375, 812));
            Chromium.screenshot(browser, "user-detail-phone-" + suffix);
        }
    }

    private WebElement appRow(String name) {
        return browser.findElement(By.xpath("//table[@id='apps']//tr[.//a[text()='" + name + "']]"));
    }

    private void clickAndWaitForTheNextPage(WebElement element) {
        Chromium.clickAndWaitForTheNextPage(browser, element);
    }

    /** A fresh browser in this language (the last one closed), signed in as the tenant's root on {@code base}. */
    private void signInAsRoot(String language, String host, String base) {
        browser.quit();
        browser = Chromium.start(language, host);
        browser.get(base + "/");
        Chromium.submitPasswordForm(browser, "root", "browser-root-password-1");
    }

    private void signIn() {
        browser.get(server.baseUrl() + "/");
        Chromium.submitPasswordForm(browser, "admin", LanyardServer.ADMIN_PASSWORD);
        assertThat(browser.getCurrentUrl()).isEqualTo(server.baseUrl() + "/admin/");
    }

    private long accessKeyEvents(String event, String accessKeyId) throws Exception {
        return database.count("SELECT count(*) FROM audit_events WHERE domain_id = 'default' AND event_type = ? AND detail LIKE ?"
                + " AND subject IS NOT NULL", event, "key " + accessKeyId + ",%");
    }

    private WebElement row(String accessKeyId) {
        return browser.findElement(By.xpath("//tr[.//code[text()='" + accessKeyId + "']]"));
    }
}
