package dev.lanyard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void verifiesTheRightPasswordAndRefusesOthers() {
        String hash = hasher.hash("correct horse".toCharArray());
        assertThat(hasher.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horsE".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void sameePasswordHashesDifferentlyEachTime() {
        assertThat(hasher.hash("pw".toCharArray())).isNotEqualTo(hasher.hash("pw".toCharArray()));
    }

    @Test
    void hashKeepsItsIterationCountSoStrongerSettingsDoNotBreakOldHashes() {
        String oldHash = new PasswordHasher(1_000).hash("pw".toCharArray());
        assertThat(oldHash).startsWith("pbkdf2-sha256$1000$");
        assertThat(new PasswordHasher(2_000).verify("pw".toCharArray(), oldHash)).isTrue();
    }

    @Test
    void malformedOrMissingHashesNeverVerify() {
        assertThat(hasher.verify("pw".toCharArray(), null)).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), "plain-text")).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), "pbkdf2-sha256$x$y$z")).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), "md5$1000$AAAA$AAAA")).isFalse();
    }

    @Test
    void oversizedPasswordsAreRefusedWithoutHashing() {
        String hash = hasher.hash("pw".toCharArray());
        assertThat(hasher.verify("p".repeat(PasswordHasher.MAX_PASSWORD_LENGTH + 1).toCharArray(), hash)).isFalse();
    }

    @Test
    void tooFewIterationsAreRefused() {
        assertThatThrownBy(() -> new PasswordHasher(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHashOfAnotherIterationCountIsDueForARehashAndOneOfTheSettingIsNot() {
        String current = hasher.hash("right-password".toCharArray());
        String older = new PasswordHasher(2_000).hash("right-password".toCharArray());
        assertThat(hasher.needsRehash(current)).isFalse();
        assertThat(hasher.needsRehash(older)).isTrue();
        assertThat(hasher.needsRehash("not-a-hash")).isTrue();
        assertThat(hasher.verify("right-password".toCharArray(), older)).as("still verifies").isTrue();
    }
}
