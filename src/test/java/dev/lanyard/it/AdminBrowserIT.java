package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Chromium;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.SharedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

/** What a person sees in a real browser: sign in as admin, the dashboard, sign out. Screenshots go to target/screenshots. */
@ExtendWith(SharedServer.class)
class AdminBrowserIT {

    private final LanyardServer server;
    private WebDriver browser;

    AdminBrowserIT(LanyardServer server) {
        this.server = server;
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

        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(LanyardServer.ADMIN_PASSWORD);
        browser.findElement(By.id("submit")).click();

        assertThat(browser.getCurrentUrl()).isEqualTo(server.baseUrl() + "/admin/");
        assertThat(browser.findElement(By.id("domain-id")).getText()).isEqualTo("default");
        assertThat(browser.findElement(By.id("users")).getText()).contains("superadmin");
        assertThat(browser.findElement(By.id("apps")).getText()).contains("BasicUI");
        Chromium.screenshot(browser, "dashboard-desktop-en");

        browser.manage().window().setSize(new Dimension(375, 812));
        Chromium.screenshot(browser, "dashboard-phone-en");
        browser.manage().window().setSize(new Dimension(1280, 900));

        browser.findElement(By.id("logout-form:logout")).click();
        assertThat(browser.findElement(By.id("login-heading")).getText()).isEqualTo("Sign in to Default");
        browser.get(server.baseUrl() + "/admin/");
        assertThat(browser.getCurrentUrl()).contains("/login.xhtml?next=");
        Chromium.screenshot(browser, "after-logout-en");
    }

    @Test
    void wrongPasswordShowsTheMessageNextToTheForm() {
        browser.get(server.baseUrl() + "/");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("certainly-wrong");
        browser.findElement(By.id("submit")).click();
        assertThat(browser.findElement(By.id("messages")).getText()).contains("Wrong username or password");
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
}
