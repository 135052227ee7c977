package dev.lanyard.security;

import dev.lanyard.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for the busiest write of Lanyard: a server's call for a user's token (PDS's get_access_token) must record
 * its signature as used and write the token's audit event, and both must be committed before the token is answered.
 * One transaction per call made the database's commit and round trips cost as much CPU as Payara's whole request path
 * (docs/performance.md). Here a call that finds fewer than {@code lanyard.group-commit.writers} batches being written
 * writes its own at once; calls that arrive while that many are being written wait and then go together in the next
 * one: one transaction, two batched statements and one commit for all of them. Under light load nothing waits; under
 * heavy load the batches grow. Two writers by default, so that calls are taken into a batch while another waits for
 * the database to commit (one writer left a fifth of the two cores idle in the benchmark).
 * <p>
 * Each call's writes stay all or nothing: its audit event is written only when its value was used for the first time,
 * and a batch that fails fails every call in it (none of them gets a token).
 */
@ApplicationScoped
public class FirstUseBatches {

    /** A one-time value to record as used, and the audit event to write only if this is its first use. */
    public record Use(String domainId, String kind, String value, Instant keepUntil, AuditLog.Entry event) {
    }

    @Inject
    ReplayGuard replays;

    @Inject
    AuditLog audit;

    /** This bean through its proxy: a batch is written in a transaction of its own. */
    @Inject
    FirstUseBatches self;

    /** The most calls written in one transaction; more wait for the next one. */
    @Inject
    @ConfigProperty(name = "lanyard.group-commit.max-batch", defaultValue = "64")
    int maxBatch;

    /** How many batches may be written at the same time (each takes a pooled connection while it is written). */
    @Inject
    @ConfigProperty(name = "lanyard.group-commit.writers", defaultValue = "2")
    int maxWriters;

    /**
     * How long a call waits to be taken into a batch before it is answered 503 (the database is too slow to keep up),
     * as long as the pool waits for a connection: a slow database must not park every request thread here.
     */
    @Inject
    @ConfigProperty(name = "lanyard.group-commit.max-wait-ms", defaultValue = "10000")
    long maxWaitMillis;

    private final ReentrantLock lock = new ReentrantLock();
    /** Calls waiting to be written, oldest first. Guarded by {@link #lock}. */
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    /** How many threads are writing a batch now. Guarded by {@link #lock}. */
    private int writers;

    /** One call's place in a batch and, once written, what came of it. Fields guarded by {@link #lock}. */
    private static final class Pending {
        final Use use;
        /** Signalled when this call is written, or when it is among the first in line and a writer's place came free. */
        final Condition turn;
        /** Taken into a batch by a writer: from then on only that writer's result counts. */
        boolean taken;
        boolean done;
        boolean firstUse;
        RuntimeException failure;

        Pending(Use use, Condition turn) {
            this.use = use;
            this.turn = turn;
        }
    }

    /**
     * Records the value as used and writes the audit event, committed, and returns true; or returns false, writing
     * nothing, when the value was used before (a replay). Throws when the batch could not be written.
     */
    public boolean recordFirstUse(Use use) {
        Pending mine = new Pending(use, lock.newCondition());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, maxWaitMillis));
        lock.lock();
        try {
            waiting.add(mine);
            while (true) {
                while (!mine.done && (mine.taken || writers >= Math.max(1, maxWriters))) {
                    long left = deadline - System.nanoTime();
                    if (mine.taken) {
                        // a call taken into a batch waits for it, since it may commit (bounded by the writer's database
                        // timeouts; the writer signals every call of its batch however the batch ends)
                        mine.turn.awaitUninterruptibly();
                    } else if (left <= 0) {
                        waiting.remove(mine);
                        throw new IllegalStateException("no batch took this call within " + maxWaitMillis + " ms",
                                new SQLTransientConnectionException("the database is too slow to keep up"));
                    } else {
                        try {
                            mine.turn.awaitNanos(left);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                            waiting.remove(mine);
                            throw new IllegalStateException("interrupted while waiting for a batch", interrupted);
                        }
                    }
                }
                if (mine.done) {
                    if (mine.failure != null) {
                        throw new IllegalStateException("the batch of first uses could not be written", mine.failure);
                    }
                    return mine.firstUse;
                }
                // a writer's place is free and this call still waits: this thread writes the next batch, its call in it
                writers++;
                List<Pending> batch = new ArrayList<>();
                while (!waiting.isEmpty() && batch.size() < Math.max(1, maxBatch)) {
                    Pending next = waiting.poll();
                    next.taken = true;
                    batch.add(next);
                }
                lock.unlock();
                boolean[] firstUses = null;
                RuntimeException failure = null;
                try {
                    firstUses = self.writeInOneTransaction(batch.stream().map(p -> p.use).toList());
                } catch (Throwable e) { // whatever it was, every call of the batch must hear of it and the next may write
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                } finally {
                    lock.lock();
                }
                for (int i = 0; i < batch.size(); i++) {
                    Pending written = batch.get(i);
                    written.failure = failure;
                    written.firstUse = failure == null && firstUses[i];
                    written.done = true;
                    written.turn.signal();
                }
                writers--;
                // only as many calls as there are free writer places are woken, first in line first: waking every
                // waiter cost CPU for nothing
                int free = Math.max(1, maxWriters) - writers;
                for (Pending next : waiting) {
                    if (free-- <= 0) {
                        break;
                    }
                    next.turn.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting for the batch being written to finish (for tests). */
    int waitingCalls() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Public for the interceptor (called through {@link #self}): one transaction for the whole batch. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean[] writeInOneTransaction(List<Use> uses) {
        boolean[] firstUses = replays.firstUses(uses.stream()
                .map(use -> new ReplayGuard.OneTimeValue(use.domainId(), use.kind(), use.value(), use.keepUntil())).toList());
        List<AuditLog.Entry> events = new ArrayList<>();
        for (int i = 0; i < uses.size(); i++) {
            if (firstUses[i]) {
                events.add(uses.get(i).event());
            }
        }
        audit.recordAllInTransaction(events);
        return firstUses;
    }
}
