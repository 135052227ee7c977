package dev.lanyard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginFailurePolicyTest {

    private final LoginFailurePolicy policy = new LoginFailurePolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15));
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void fifthFailureWithinTheWindowLocksForTheLockoutPeriod() {
        LoginFailurePolicy.State state = null;
        for (int i = 0; i < 4; i++) {
            state = policy.afterFailure(state, t0.plusSeconds(i * 60));
            assertThat(LoginFailurePolicy.isLocked(state, t0.plusSeconds(i * 60))).isFalse();
        }
        Instant fifth = t0.plusSeconds(300);
        state = policy.afterFailure(state, fifth);
        assertThat(state.failures()).isEqualTo(5);
        assertThat(LoginFailurePolicy.isLocked(state, fifth)).isTrue();
        assertThat(LoginFailurePolicy.isLocked(state, fifth.plus(Duration.ofMinutes(14)))).isTrue();
        assertThat(LoginFailurePolicy.isLocked(state, fifth.plus(Duration.ofMinutes(15)).plusSeconds(1))).isFalse();
    }

    @Test
    void failuresSpreadBeyondTheWindowNeverLock() {
        LoginFailurePolicy.State state = null;
        for (int i = 0; i < 10; i++) {
            Instant now = t0.plus(Duration.ofMinutes(16L * i));
            state = policy.afterFailure(state, now);
            assertThat(state.failures()).isEqualTo(1);
            assertThat(LoginFailurePolicy.isLocked(state, now)).isFalse();
        }
    }

    @Test
    void failuresWhileLockedExtendTheLock() {
        LoginFailurePolicy.State state = null;
        for (int i = 0; i < 5; i++) {
            state = policy.afterFailure(state, t0);
        }
        Instant later = t0.plus(Duration.ofMinutes(10));
        state = policy.afterFailure(state, later);
        assertThat(state.lockedUntil()).isEqualTo(later.plus(Duration.ofMinutes(15)));
    }

    @Test
    void noStateIsNotLocked() {
        assertThat(LoginFailurePolicy.isLocked(null, t0)).isFalse();
    }
}
