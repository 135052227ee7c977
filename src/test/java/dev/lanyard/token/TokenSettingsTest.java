package dev.lanyard.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenSettingsTest {

    private static TokenSettings keys(long publishAheadSeconds, long keyCacheSeconds) {
        TokenSettings settings = new TokenSettings();
        settings.publishAheadSeconds = publishAheadSeconds;
        settings.keyCacheSeconds = keyCacheSeconds;
        return settings;
    }

    @Test
    void theJwksIsCachedForAMinuteWithTheDefaults() {
        assertThat(keys(600, 30).jwksMaxAge()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aShortPublishAheadShortensTheJwksCacheSoVerifiersFetchANewKeyBeforeItSigns() {
        assertThat(keys(6, 1).jwksMaxAge()).isEqualTo(Duration.ofSeconds(2));
        assertThat(keys(30, 30).jwksMaxAge()).isZero();
        assertThat(keys(10, 30).jwksMaxAge()).as("never negative").isZero();
    }
}
