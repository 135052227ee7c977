package dev.lanyard.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
    private final Duration open = Duration.ofSeconds(60);

    @Test
    void opensAfterFailuresInARowThenLetsOneTrialThroughAfterTheOpenTime() {
        CircuitBreaker breaker = new CircuitBreaker();
        breaker.recordFailure(t0, 3, open);
        breaker.recordSuccess();
        breaker.recordFailure(t0, 3, open);
        breaker.recordFailure(t0, 3, open);
        assertThat(breaker.allowsCall(t0)).as("a success reset the count").isTrue();
        breaker.recordFailure(t0, 3, open);
        assertThat(breaker.allowsCall(t0.plusSeconds(59))).isFalse();
        assertThat(breaker.allowsCall(t0.plusSeconds(60))).as("half-open: one trial").isTrue();
        assertThat(breaker.allowsCall(t0.plusSeconds(60))).as("only one trial at a time").isFalse();
        breaker.recordFailure(t0.plusSeconds(61), 3, open);
        assertThat(breaker.allowsCall(t0.plusSeconds(100))).as("a failed trial re-opens").isFalse();
        assertThat(breaker.allowsCall(t0.plusSeconds(121))).isTrue();
        breaker.recordSuccess();
        assertThat(breaker.allowsCall(t0.plusSeconds(122))).isTrue();
        assertThat(breaker.allowsCall(t0.plusSeconds(122))).as("closed again").isTrue();
    }
}
