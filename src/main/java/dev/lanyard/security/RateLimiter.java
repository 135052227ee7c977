package dev.lanyard.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fixed-window rate limits kept in the database, so they hold across restarts and nodes. {@link #consume} takes one
 * unit from every limit it is given, all or nothing, inside the caller's transaction: when any limit is used up it
 * throws {@link RateLimitExceeded} (which rolls the transaction back, so nothing is counted) with the time until the
 * last of the exhausted windows reopens. Rows are locked in the order given; callers give them in a fixed order.
 */
@ApplicationScoped
public class RateLimiter {

    /** At most {@code max} uses per {@code window}, counted under {@code key} in one domain. */
    public record Limit(String key, int max, Duration window) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void consume(String domainId, List<Limit> limits) {
        Instant now = clock.instant();
        Duration retryAfter = Duration.ZERO;
        for (Limit limit : limits) {
            RateLimitWindow window = lockedWindow(domainId, limit.key(), now);
            Instant reopens = window.windowStartedAt().plus(limit.window());
            if (!now.isBefore(reopens)) {
                window.restart(now);
                reopens = now.plus(limit.window());
            }
            if (window.used() >= limit.max()) {
                Duration wait = Duration.between(now, reopens);
                retryAfter = wait.compareTo(retryAfter) > 0 ? wait : retryAfter;
            } else {
                window.use();
            }
        }
        if (!retryAfter.isZero()) {
            throw new RateLimitExceeded(retryAfter);
        }
    }

    /**
     * The window's row, locked for this transaction: created when missing without failing when another node just did
     * (no lost count), and created again when the purge deleted a long-over window between the insert and the lock.
     */
    private RateLimitWindow lockedWindow(String domainId, String key, Instant now) {
        for (int attempt = 0; ; attempt++) {
            em.createNativeQuery("INSERT INTO rate_limit_windows (domain_id, limit_key, window_started_at, used) "
                            + "VALUES (?1, ?2, ?3, 0) ON CONFLICT DO NOTHING")
                    .setParameter(1, domainId).setParameter(2, key)
                    .setParameter(3, java.sql.Timestamp.from(now)).executeUpdate();
            RateLimitWindow window = em.find(RateLimitWindow.class, new RateLimitWindow.Key(domainId, key), LockModeType.PESSIMISTIC_WRITE);
            if (window != null) {
                em.refresh(window, LockModeType.PESSIMISTIC_WRITE);
                return window;
            }
            if (attempt == 1) {
                throw new IllegalStateException("a rate-limit window vanished twice"); // its key may hold a number: not logged
            }
        }
    }

    /** A limit is used up; nothing was counted. */
    public static class RateLimitExceeded extends RuntimeException {
        private final Duration retryAfter;

        public RateLimitExceeded(Duration retryAfter) {
            super("rate limit exceeded", null, false, false);
            this.retryAfter = retryAfter;
        }

        /** Whole seconds until a retry may succeed, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
