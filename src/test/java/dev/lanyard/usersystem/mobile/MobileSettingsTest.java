package dev.lanyard.usersystem.mobile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MobileSettingsTest {

    @Test
    void aDomainWithoutSettingsGetsTheSafeDefaultsAndTheOutbox() {
        MobileSettings defaults = MobileSettings.defaults();
        assertThat(defaults.codeLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.maxAttempts()).isEqualTo(5);
        assertThat(defaults.sendInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.sendsPerNumberPerHour()).isEqualTo(10);
        assertThat(defaults.sendsPerIpPerHour()).isEqualTo(50);
        assertThat(defaults.allowedRegions()).isEqualTo(Set.of("86"));
        assertThat(defaults.autoRegister()).isTrue();
        assertThat(defaults.gateways()).extracting(g -> g.type()).containsExactly("outbox");
        assertThat(defaults.messageFor("123456")).contains("123456").contains("5 minutes");
    }

    @Test
    void refusesUnknownFieldsUnboundedLimitsAndUnsafeGateways() {
        assertProblem("{\"max_attemps\": 3}", "max_attemps: unknown field");
        assertProblem("{\"max_attempts\": 1000}", "max_attempts: must be a whole number from 1 to 10");
        assertProblem("{\"code_ttl_seconds\": \"300\"}", "code_ttl_seconds");
        assertProblem("{\"allowed_regions\": [\"+86\"]}", "allowed_regions[0]");
        assertProblem("{\"message\": \"no code here\"}", "message");
        assertProblem("{\"gateways\": [{\"type\": \"carrier-pigeon\"}]}", "gateways[0].type");
        assertProblem("{\"gateways\": [{\"type\": \"webhook\", \"url\": \"http://sms.example.com/hook\", \"signing_secret\": \"0123456789abcdef\"}]}",
                "gateways[0].url: must be an https URL");
        assertProblem("{\"gateways\": [{\"type\": \"webhook\", \"url\": \"https://sms.example.com/hook\", \"signing_secret\": \"short\"}]}",
                "gateways[0].signing_secret");
        assertProblem("{\"gateways\": [{\"type\": \"aliyun\", \"sign_name\": \"x\", \"template_code\": \"y\", \"access_key_id\": \"z\"}]}",
                "gateways[0].access_key_secret: is required");
        assertProblem("{\"gateways\": [{\"type\": \"outbox\", \"read_timeout_ms\": 600000}]}", "gateways[0].read_timeout_ms");
        assertProblem("{\"gateways\": [{\"type\": \"outbox\"}, {\"type\": \"outbox\"}, {\"type\": \"outbox\"}]}", "gateways: list one gateway");
    }

    @Test
    void acceptsAFullConfiguration() {
        MobileSettings settings = MobileSettings.parse(json("{\"auto_register\": false, \"allowed_regions\": [\"86\", \"852\"],"
                + "\"gateways\": [{\"type\": \"aliyun\", \"access_key_id\": \"id\", \"access_key_secret\": \"s\", \"sign_name\": \"n\","
                + "\"template_code\": \"SMS_1\"}, {\"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/x\", \"signing_secret\": \"0123456789abcdef\"}]}"));
        assertThat(settings.autoRegister()).isFalse();
        assertThat(settings.allowedRegions()).containsExactlyInAnyOrder("86", "852");
        assertThat(settings.gateways()).extracting(g -> g.type()).containsExactly("aliyun", "webhook");
        assertThat(settings.gateways().get(0).toString()).doesNotContain("s\"");
    }

    private static void assertProblem(String json, String message) {
        assertThatThrownBy(() -> MobileSettings.parse(json(json))).as(json).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static JsonObject json(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
