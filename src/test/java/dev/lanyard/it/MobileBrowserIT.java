package dev.lanyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.it.support.Chromium;
import dev.lanyard.it.support.LanyardServer;
import dev.lanyard.it.support.OAuthBrowser;
import dev.lanyard.it.support.SharedServer;
import dev.lanyard.it.support.TestDatabase;
import dev.lanyard.it.support.WebSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Mobile-number sign-in as a person does it in Chromium, in a domain that enables it with the development outbox:
 * the app's authorize URL, "Mobile number", send, the code read from the admin page "SMS outbox", sign in, consent,
 * and the app's code exchanged for tokens of a user created for the new number.
 */
@ExtendWith(SharedServer.class)
class MobileBrowserIT {

    private static final String NUMBER = "13912345678";
    private static final String ADMIN_PASSWORD = "mobile-domain-admin-1";

    private final LanyardServer server;
    private final TestDatabase database;
    private WebDriver person;
    private WebDriver admin;

    MobileBrowserIT(LanyardServer server, TestDatabase database) {
        this.server = server;
        this.database = database;
    }

    @AfterEach
    void close() {
        if (person != null) {
            person.quit();
        }
        if (admin != null) {
            admin.quit();
        }
    }

    @Test
    void aNewNumberSignsInWithTheCodeFromTheOutboxAndTheAppGetsTokens() throws Exception {
        String domain = "mob" + UUID.randomUUID().toString().substring(0, 8);
        String host = domain + SharedServer.HOST_SUFFIX;
        String base = "http://" + host + ":" + server.port();
        database.createDomain(domain, "Mobile " + domain);
        database.enableUserSystem(domain, "password", "{}");
        database.enableUserSystem(domain, "mobile", "{}"); // defaults: outbox, +86, 60 s between sends
        database.createPasswordUser(domain, "admin", ADMIN_PASSWORD, "ADMIN", "ENABLED");
        String app = "mobile-web";
        String redirect = base + "/callback-of-" + app; // Lanyard's own 404 page: the browser can land there on loopback
        database.createApp(domain, app, "WEB_SERVER", "mobile-web-secret-0123456789", List.of(redirect), List.of("all"), false);

        person = Chromium.start("en-US", host);
        person.manage().window().setSize(new Dimension(375, 812));
        person.get(base + "/v2/oauth/authorize?response_type=code&client_id=" + app + "&redirect_uri=" + redirect + "&state=m1");
        assertThat(person.findElement(By.id("login-app")).getText()).contains("App " + app);
        assertThat(person.findElements(By.id("username"))).as("password is enabled too").hasSize(1);

        person.findElement(By.id("mobile-phone")).sendKeys(NUMBER);
        person.findElement(By.id("mobile-send")).click();
        new WebDriverWait(person, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "We sent a code"));
        WebElement send = person.findElement(By.id("mobile-send"));
        assertThat(send.isEnabled()).as("cool-down").isFalse();
        assertThat(person.findElement(By.id("mobile-cooldown")).getText()).matches("You can ask for a new code in \\d+ s\\.");
        Chromium.screenshot(person, "mobile-logon-code-sent-phone-en");

        String code = codeFromOutbox(base, host);

        person.findElement(By.id("mobile-code")).sendKeys(code);
        person.findElement(By.id("mobile-submit")).click();
        assertThat(person.findElement(By.id("consent-heading")).getText()).contains("App " + app);
        person.findElement(By.id("allow")).click();
        // the click returns before the navigation ends: wait for the redirect to the app
        new WebDriverWait(person, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("code="));
        assertThat(person.getCurrentUrl()).startsWith(redirect + "?code=").contains("state=m1");

        URI back = URI.create(person.getCurrentUrl());
        HttpResponse<String> exchanged = new WebSession(server, host).post("/v2/oauth/token", Map.of("grant_type", "authorization_code",
                "code", OAuthBrowser.param(back, "code"), "redirect_uri", redirect, "client_id", app,
                "client_secret", "mobile-web-secret-0123456789"));
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        JsonObject tokens = Json.createReader(new StringReader(exchanged.body())).readObject();
        assertThat(tokens.getString("nick_name")).isEqualTo("139****5678");
        assertThat(database.string("SELECT phone FROM users WHERE domain_id = ? AND user_id = ?", domain, tokens.getString("user_id")))
                .as("a new user for the new number").isEqualTo("+86" + NUMBER);
        assertThat(database.count("SELECT count(*) FROM sms_outbox WHERE domain_id = ? AND message_encrypted LIKE ?", domain, "%" + code + "%"))
                .as("the outbox keeps messages encrypted").isZero();
    }

    /** The administrator of the domain opens the SMS outbox in a second browser and reads the newest code. */
    private String codeFromOutbox(String base, String host) {
        admin = Chromium.start("zh-CN", host);
        admin.get(base + "/admin/sms-outbox.xhtml");
        admin.findElement(By.id("username")).sendKeys("admin");
        admin.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        admin.findElement(By.id("submit")).click();
        List<WebElement> texts = admin.findElements(By.className("outbox-text"));
        assertThat(texts).hasSize(1);
        assertThat(admin.findElement(By.className("outbox-phone")).getText()).isEqualTo("+86" + NUMBER);
        Chromium.screenshot(admin, "admin-sms-outbox-zh");
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(texts.get(0).getText());
        assertThat(code.find()).isTrue();
        return code.group(1);
    }
}
