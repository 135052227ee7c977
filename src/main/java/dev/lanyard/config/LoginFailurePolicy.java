package dev.lanyard.config;

import java.time.Duration;
import java.time.Instant;

/**
 * The lockout rule, free of storage: after {@code maxFailures} failures within {@code window}, the account is locked
 * for {@code lockout}. A failure after the window has passed starts a new window.
 */
public record LoginFailurePolicy(int maxFailures, Duration window, Duration lockout) {

    public LoginFailurePolicy {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || lockout.isNegative()) {
            throw new IllegalArgumentException("login failure limits must be positive");
        }
    }

    /** The counter state after one more failure at {@code now}, given the previous state (null when none). */
    public State afterFailure(State previous, Instant now) {
        if (previous == null || previous.windowStartedAt().plus(window).isBefore(now)) {
            return lockIfReached(new State(1, now, null), now);
        }
        return lockIfReached(new State(previous.failures() + 1, previous.windowStartedAt(), previous.lockedUntil()), now);
    }

    private State lockIfReached(State state, Instant now) {
        if (state.failures() >= maxFailures) {
            Instant until = now.plus(lockout);
            Instant keep = state.lockedUntil() != null && state.lockedUntil().isAfter(until) ? state.lockedUntil() : until;
            return new State(state.failures(), state.windowStartedAt(), keep);
        }
        return state;
    }

    public static boolean isLocked(State state, Instant now) {
        return state != null && state.lockedUntil() != null && state.lockedUntil().isAfter(now);
    }

    public record State(int failures, Instant windowStartedAt, Instant lockedUntil) {
    }
}
