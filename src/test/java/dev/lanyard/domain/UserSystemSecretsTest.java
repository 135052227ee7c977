package dev.lanyard.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.security.SecretCipher;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class UserSystemSecretsTest {

    private static final String SETTINGS = "{\"gateways\":[{\"type\":\"aliyun\",\"access_key_id\":\"LTAI\",\"access_key_secret\":\"s3cret-value\"},"
            + "{\"type\":\"webhook\",\"signing_secret\":\"hook-secret-0123456\"}],\"max_attempts\":5}";

    private final SecretCipher cipher = new SecretCipher(key());

    @Test
    void secretsAreSealedAtRestOpenedInMemoryAndLeftOutOfExports() {
        String stored = UserSystemSecrets.seal(cipher, "d1", "mobile", SETTINGS, null);
        assertThat(stored).doesNotContain("s3cret-value").doesNotContain("hook-secret").contains("\"access_key_id\":\"LTAI\"")
                .contains("sealed:v1:");
        assertThat(UserSystemSecrets.open(cipher, "d1", "mobile", stored).toString()).isEqualTo(
                jakarta.json.Json.createReader(new java.io.StringReader(SETTINGS)).readObject().toString());
        assertThat(UserSystemSecrets.redact(stored).toString()).doesNotContain("secret\"").contains("LTAI").contains("max_attempts");
    }

    @Test
    void aMaskedSecretIsKeptOnlyWhileTheEndpointBesideItStaysTheSame() {
        String stored = UserSystemSecrets.seal(cipher, "d1", "mobile",
                "{\"gateways\":[{\"type\":\"webhook\",\"url\":\"https://sms.example/send\",\"signing_secret\":\"hook-secret-0123456\"}]}", null);
        jakarta.json.JsonObject masked = UserSystemSecrets.masked(stored);
        assertThat(UserSystemSecrets.unmasked(masked, stored)).as("nothing changed: the stored secret stays").isEqualTo(stored);

        String moved = masked.toString().replace("https://sms.example/send", "https://attacker.example/collect");
        assertThatThrownBy(() -> UserSystemSecrets.unmasked(read(moved), stored))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.gateways[0].url changed");

        String movedWithNewSecret = moved.replace(UserSystemSecrets.MASK, "a-new-secret-typed-0123");
        assertThat(UserSystemSecrets.unmasked(read(movedWithNewSecret), stored)).contains("attacker.example").contains("a-new-secret-typed");
    }

    private static jakarta.json.JsonObject read(String json) {
        return jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject();
    }

    @Test
    void sealingTheSameSettingsAgainChangesNothingAndANewSecretIsSealedAnew() {
        String stored = UserSystemSecrets.seal(cipher, "d1", "mobile", SETTINGS, null);
        assertThat(UserSystemSecrets.seal(cipher, "d1", "mobile", SETTINGS, stored)).isEqualTo(stored);
        String changed = UserSystemSecrets.seal(cipher, "d1", "mobile", SETTINGS.replace("s3cret-value", "other-value"), stored);
        assertThat(changed).isNotEqualTo(stored);
        assertThat(UserSystemSecrets.open(cipher, "d1", "mobile", changed).toString()).contains("other-value");
    }

    @Test
    void aSealedValueOpensOnlyForItsDomainAndUserSystem() {
        String stored = UserSystemSecrets.seal(cipher, "d1", "mobile", SETTINGS, null);
        assertThatThrownBy(() -> UserSystemSecrets.open(cipher, "d2", "mobile", stored)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserSystemSecrets.seal(new SecretCipher(key()), "d1", "mobile", stored, null))
                .as("a sealed value from another master key").isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
