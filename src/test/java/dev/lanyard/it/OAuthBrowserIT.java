package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Chromium;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

/**
 * The code flow as a person sees it in Chromium: the app's authorize URL, the hosted logon page naming the app, the
 * consent page, and the redirect back to the app with a code. Screenshots in target/screenshots.
 */
@ExtendWith(SharedServer.class)
class OAuthBrowserIT {

    private final LanyardServer server;
    private final TestDatabase database;
    private WebDriver browser;

    OAuthBrowserIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signInAndConsentSendTheBrowserBackToTheAppWithACode() throws Exception {
        String app = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        // the app's redirect URI is Lanyard's own 404 page, so the browser can land there on loopback
        String redirect = server.baseUrl() + "/callback-of-" + app;
        database.createApp("default", app, "WEB_SERVER", "browser-secret-0123456789", List.of(redirect), List.of("all"), false);
        browser = Chromium.start("zh-CN");
        browser.manage().window().setSize(new Dimension(375, 812));
        browser.get(server.baseUrl() + "/v2/oauth/authorize?response_type=code&client_id=" + app + "&redirect_uri=" + redirect + "&state=xyz");

        assertThat(browser.findElement(By.id("login-app")).getText()).contains("App " + app);
        Chromium.screenshot(browser, "oauth-logon-phone-zh");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(LanyardServer.ADMIN_PASSWORD);
        browser.findElement(By.id("submit")).click();

        assertThat(browser.findElement(By.id("consent-heading")).getText()).contains("App " + app);
        Chromium.screenshot(browser, "oauth-consent-phone-zh");
        browser.findElement(By.id("allow")).click();
        // the click returns before the navigation ends: wait for the redirect to the app
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("code="));

        assertThat(browser.getCurrentUrl()).startsWith(redirect + "?code=").contains("state=xyz").contains("iss=");
    }
}
