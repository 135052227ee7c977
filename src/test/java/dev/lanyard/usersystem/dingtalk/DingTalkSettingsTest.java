package dev.lanyard.usersystem.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.usersystem.federation.FormQuery;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DingTalkSettingsTest {

    private static final String MINIMAL = "{\"app_key\": \"dingoa123\", \"app_secret\": \"s3cr3t-value-123\"";

    @Test
    void minimalSettingsGetDingTalksHostsAndSafeLimits() {
        DingTalkSettings settings = DingTalkSettings.parse(json(MINIMAL + "}"));
        assertThat(settings.authorizeUrl()).isEqualTo(URI.create("https://login.dingtalk.com/oauth2/auth"));
        assertThat(settings.apiBaseUrl()).isEqualTo(URI.create("https://api.dingtalk.com"));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.tripLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.qrLifetime()).isEqualTo(Duration.ofMinutes(3));
        assertThat(settings.autoCreate()).as("no open registration for every DingTalk user unless asked for").isFalse();
        assertThat(settings.corpId()).isNull();
        assertThat(DingTalkSettings.parse(json(MINIMAL + ", \"corp_id\": \"ding42\"}")).autoCreate())
                .as("members of the one organisation may register").isTrue();
        assertThat(settings.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void refusesMissingCredentialsUnknownFieldsPlainHttpAndTimeoutsOverFiveSeconds() {
        assertProblem("{\"app_key\": \"dingoa123\"}", "app_secret: is required");
        assertProblem(MINIMAL + ", \"appsecret\": \"x\"}", "appsecret: unknown field");
        assertProblem(MINIMAL + ", \"api_base_url\": \"http://api.dingtalk.com\"}", "api_base_url: must be an https URL");
        assertProblem(MINIMAL + ", \"timeout_ms\": 30000}", "timeout_ms: must be a whole number from 500 to 5000");
        assertProblem(MINIMAL + ", \"corp_id\": \"ding corp\"}", "corp_id");
        assertProblem(MINIMAL + ", \"auto_create\": \"yes\"}", "auto_create: must be true or false");
    }

    @Test
    void theAuthorizeUrlAsksForTheOrganisationOnlyWhenOneIsRequired() {
        DingTalkProvider provider = new DingTalkProvider();
        URI redirect = URI.create("https://acme.id.example.com/login/dingtalk/callback");
        Map<String, String> open = FormQuery.decode(provider.authorizeUri(DingTalkSettings.parse(json(MINIMAL + "}")), "st", "n", redirect)
                .getRawQuery());
        assertThat(open).containsEntry("client_id", "dingoa123").containsEntry("scope", "openid").containsEntry("prompt", "consent")
                .containsEntry("state", "st").containsEntry("redirect_uri", redirect.toString()).doesNotContainKey("corpId");
        Map<String, String> corp = FormQuery.decode(provider.authorizeUri(DingTalkSettings.parse(json(MINIMAL + ", \"corp_id\": \"ding42\"}")),
                "st", "n", redirect).getRawQuery());
        assertThat(corp).containsEntry("scope", "openid corpid").containsEntry("corpId", "ding42");
        assertThat(open).as("DingTalk needs no trip secret: it stays home").doesNotContainValue("n");
    }

    private static void assertProblem(String settings, String message) {
        assertThatThrownBy(() -> DingTalkSettings.parse(json(settings))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
