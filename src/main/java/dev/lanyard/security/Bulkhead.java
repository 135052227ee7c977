package dev.lanyard.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most {@code permits} callers at a time in some costly work, at most {@code maxWaiting} more waiting, each for at
 * most {@code maxWait}: past that a caller is turned away at once with {@link Full}, which the edge answers as 503
 * with Retry-After. Under overload the work admitted keeps its speed instead of every request slowing down together.
 */
public final class Bulkhead {

    private final String name;
    private final Semaphore permits;
    private final int maxWaiting;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();

    public Bulkhead(String name, int permits, int maxWaiting, Duration maxWait) {
        if (permits < 1 || maxWaiting < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException(name + ": at least one permit, and no negative queue or wait");
        }
        this.name = name;
        this.permits = new Semaphore(permits, true);
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
    }

    /** The work's result, run while holding a permit; {@link Full} when none came free in time or the queue is full. */
    public <T> T call(Supplier<T> work) {
        acquire();
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    /** Takes a permit (release it with {@link #release()}); {@link Full} when none came free in time or the queue is full. */
    public void acquire() {
        try {
            // the timed form honours fairness: a newcomer does not take a permit from callers already waiting
            if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Full(name);
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new Full(name);
        }
        try {
            if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Full(name);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Full(name);
        } finally {
            waiting.decrementAndGet();
        }
    }

    public void release() {
        permits.release();
    }

    /** Too busy right now: try again after {@link #retryAfterSeconds()}. */
    public static final class Full extends RuntimeException {

        /** Long enough for a queue to drain, short enough that a person retrying is served soon. */
        static final long RETRY_AFTER_SECONDS = 1;

        Full(String name) {
            super(name + " is busy", null, false, false);
        }

        public long retryAfterSeconds() {
            return RETRY_AFTER_SECONDS;
        }
    }
}
