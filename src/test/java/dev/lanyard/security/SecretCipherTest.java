package dev.lanyard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final SecretCipher cipher = new SecretCipher(key());

    @Test
    void roundTripsAndNeverShowsThePlaintext() {
        String sealed = cipher.encrypt("accesskey", "s3cret-value".getBytes(StandardCharsets.UTF_8));
        assertThat(sealed).startsWith("v1:").doesNotContain("s3cret");
        assertThat(new String(cipher.decrypt("accesskey", sealed), StandardCharsets.UTF_8)).isEqualTo("s3cret-value");
    }

    @Test
    void sameValueEncryptsDifferentlyEachTime() {
        byte[] value = "x".getBytes(StandardCharsets.UTF_8);
        assertThat(cipher.encrypt("p", value)).isNotEqualTo(cipher.encrypt("p", value));
    }

    @Test
    void anotherPurposeOrKeyOrATamperedValueDoesNotOpen() {
        String sealed = cipher.encrypt("signing-key", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> cipher.decrypt("accesskey", sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretCipher(key()).decrypt("signing-key", sealed)).isInstanceOf(IllegalArgumentException.class);
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.decrypt("signing-key", new String(chars))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("signing-key", "plain")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyMustBe256Bits() {
        assertThatThrownBy(() -> new SecretCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
