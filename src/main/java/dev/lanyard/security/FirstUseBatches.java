package dev.lanyard.security;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.database.DataSourceDeclaration;
import dev.lanyard.user.User;
import dev.lanyard.user.UserService;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for the busiest write of Lanyard: a server's call for a user's token (PDS's get_access_token) must record
 * its signature as used and write the token's audit event, and both must be committed before the token is answered.
 * One transaction per call made the database's commit and round trips cost as much CPU as Payara's whole request path
 * (docs/performance.md). Here a call that finds fewer than {@code lanyard.group-commit.writers} batches being written
 * writes its own at once; calls that arrive while that many are being written wait and then go together in the next
 * one: one transaction, two batched statements and one commit for all of them. Under light load nothing waits; under
 * heavy load the batches grow. Four writers by default, so that calls are taken into a batch while others wait for
 * the database to commit: one writer left a fifth of the two cores idle in the benchmark, two up to an eighth where the
 * cores sign faster and a call's wait for the commit weighs more (docs/performance.md). A caller that signs a token
 * puts its use in line before it signs ({@link #recordFirstUseWhile}): a batch written meanwhile takes it along, and
 * the caller signs while the database commits.
 * <p>
 * A call's audit event is written only when its value was used for the first time (and, see below, its user may have
 * the token), and a batch that fails fails every call in it (none of them gets a token, nothing of it is kept).
 * <p>
 * A use may name the user its token is for ({@link UserCheck}): the batch reads those users, with one query per domain,
 * in the transaction that records the uses, hands each call its user as read there, and writes a call's audit event
 * only if its user still exists and may have the token (the value is used up either way, as for any refusal). A
 * caller can then sign before it reads the user itself ({@code user/RecentUsers}) and still answer only what the
 * batch's transaction read. That read takes no lock: a user disabled between it and the commit still gets this one
 * token, as when the caller read the user before signing.
 */
@ApplicationScoped
public class FirstUseBatches {

    /**
     * A one-time value to record as used, and the audit event to write only if this is its first use (and, with a
     * {@link UserCheck}, its user may have the token).
     */
    public record Use(String domainId, String kind, String value, Instant keepUntil, AuditLog.Entry event, UserCheck user) {

        /** A use with no user to read again (e.g. the domain's service token). */
        public Use(String domainId, String kind, String value, Instant keepUntil, AuditLog.Entry event) {
            this(domainId, kind, value, keepUntil, event, null);
        }
    }

    /** The user of the use's domain to read in the batch, and whether, as read there, they may have the token. */
    public record UserCheck(String userId, Predicate<User> mayHaveToken) {
    }

    /** What a batch did for one use: whether it was the value's first use, and its user as read (empty: none, or no check). */
    public record Written(boolean firstUse, Optional<User> user) {
    }

    /** The caller's work done while its use was committed, and the use's user as read in that commit. */
    public record Committed<T>(T result, Optional<User> user) {
    }

    @Inject
    ReplayGuard replays;

    @Inject
    AuditLog audit;

    @Inject
    UserService users;

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    /** This bean through its proxy: a batch is written in a transaction of its own. */
    @Inject
    FirstUseBatches self;

    /** The most calls written in one transaction; more wait for the next one. */
    @Inject
    @ConfigProperty(name = "lanyard.group-commit.max-batch", defaultValue = "64")
    int maxBatch;

    /** How many batches may be written at the same time (each takes a pooled connection while it is written). */
    @Inject
    @ConfigProperty(name = "lanyard.group-commit.writers", defaultValue = "4")
    int maxWriters;

    /**
     * How long a call waits to be taken into a batch before it is answered 503 (the database is too slow to keep up),
     * as long as the pool waits for a connection: a slow database must not park every request thread here.
     */
    @Inject
    @ConfigProperty(name = "lanyard.group-commit.max-wait-ms", defaultValue = "10000")
    long maxWaitMillis;

    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Uses not yet taken into a batch, oldest first: those whose callers wait for them, and those whose callers are
     * still at work ({@link #recordFirstUseWhile}). Guarded by {@link #lock}.
     */
    private final ArrayDeque<InLine> waiting = new ArrayDeque<>();
    /** How many threads are writing a batch now. Guarded by {@link #lock}. */
    private int writers;

    /**
     * One call's use in line and, once written, what came of it; what {@link #submit} hands its caller for
     * {@link #await} or {@link #withdraw}. Fields guarded by {@link #lock}.
     */
    static final class InLine {
        final Use use;
        /** Signalled when this use is written, or when its caller waits and a writer's place came free. */
        final Condition turn;
        /** Its caller waits for it ({@link #await}): only such a caller can be woken to write a batch. */
        boolean callerWaits;
        /** Taken into a batch by a writer: from then on only that writer's result counts. */
        boolean taken;
        boolean done;
        Written written;
        RuntimeException failure;

        InLine(Use use, Condition turn) {
            this.use = use;
            this.turn = turn;
        }
    }

    /**
     * Records the value as used and writes the audit event, committed, and returns true; or returns false, writing
     * nothing, when the value was used before (a replay). Throws when the batch could not be written. For a use
     * without a {@link UserCheck}: one that names a user needs {@link #recordFirstUseWhile}, whose answer carries
     * the user as read.
     */
    public boolean recordFirstUse(Use use) {
        if (use.user() != null) {
            throw new IllegalArgumentException("a use that names a user needs the user as read: recordFirstUseWhile");
        }
        return await(submit(use)).firstUse();
    }

    /**
     * {@link #recordFirstUse} around the caller's own work (signing the token it will answer with): the use is put in
     * line first, so that a batch written meanwhile takes it along, and the work's result is returned once the use is
     * committed, with the use's user as read in that commit, or empty for a replay (the result is dropped). A call
     * then waits for its commit only when that takes longer than its own work, and the cores are not left idle while
     * every call of a batch waits for the database. When the work fails, its use is taken out of line, unless a batch
     * took it already: then the value stays used and the audit event written (if it was to be), as for a call that
     * failed after its commit (the audit log may name a token that was not answered, never miss one that was).
     */
    public <T> Optional<Committed<T>> recordFirstUseWhile(Use use, Supplier<T> work) {
        InLine mine = submit(use);
        boolean worked = false;
        T result;
        try {
            result = work.get();
            worked = true;
        } finally {
            if (!worked) {
                withdraw(mine);
            }
        }
        Written written = await(mine);
        return written.firstUse() ? Optional.of(new Committed<>(result, written.user())) : Optional.empty();
    }

    /** Puts the use in line and returns at once; the caller must {@link #await} or {@link #withdraw} it. */
    InLine submit(Use use) {
        lock.lock();
        try {
            InLine mine = new InLine(use, lock.newCondition());
            waiting.add(mine);
            return mine;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the use out of line when no batch has taken it yet; one already taken is written as it would have been. */
    void withdraw(InLine mine) {
        lock.lock();
        try {
            if (!mine.taken) {
                waiting.remove(mine);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * What {@link #recordFirstUse} returns, for a use in line: waits until it is committed, and writes the next batch
     * itself when a writer's place is free. The wait to be taken into a batch is bounded from here, not from
     * {@link #submit}: the caller's own work does not count against it.
     */
    Written await(InLine mine) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, maxWaitMillis));
        lock.lock();
        try {
            mine.callerWaits = true;
            while (true) {
                while (!mine.done && (mine.taken || writers >= writerPlaces())) {
                    long left = deadline - System.nanoTime();
                    if (mine.taken) {
                        // a call taken into a batch waits for it, since it may commit (bounded by the writer's database
                        // timeouts; the writer signals every call of its batch however the batch ends)
                        mine.turn.awaitUninterruptibly();
                    } else if (left <= 0) {
                        leaveLine(mine);
                        throw new IllegalStateException("no batch took this call within " + maxWaitMillis + " ms",
                                new SQLTransientConnectionException("the database is too slow to keep up"));
                    } else {
                        try {
                            mine.turn.awaitNanos(left);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                            if (mine.taken) {
                                continue; // its batch may commit: the call waits for it, the interrupt kept for later
                            }
                            leaveLine(mine);
                            throw new IllegalStateException("interrupted while waiting for a batch", interrupted);
                        }
                    }
                }
                if (mine.done) {
                    if (mine.failure != null) {
                        throw new IllegalStateException("the batch of first uses could not be written", mine.failure);
                    }
                    return mine.written;
                }
                // a writer's place is free and this use is still in line: this thread writes the next batch, with the
                // oldest uses in line (its own among them unless the batch is full before it)
                writers++;
                List<InLine> batch = new ArrayList<>();
                while (!waiting.isEmpty() && batch.size() < Math.max(1, maxBatch)) {
                    InLine next = waiting.poll();
                    next.taken = true;
                    batch.add(next);
                }
                lock.unlock();
                Written[] results = null;
                RuntimeException failure = null;
                try {
                    results = self.writeInOneTransaction(batch.stream().map(in -> in.use).toList());
                } catch (Throwable e) { // whatever it was, every call of the batch must hear of it and the next may write
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                } finally {
                    lock.lock();
                }
                for (int i = 0; i < batch.size(); i++) {
                    InLine call = batch.get(i);
                    call.failure = failure;
                    call.written = failure == null ? results[i] : null;
                    call.done = true;
                    call.turn.signal();
                }
                writers--;
                wakeWaitingCallers();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A call gives up (timed out, interrupted): out of line, and the writer's place it may have been woken for passed on. */
    private void leaveLine(InLine mine) {
        waiting.remove(mine);
        wakeWaitingCallers();
    }

    /**
     * Wakes as many waiting callers as there are free writer places, the first in line first; a use whose caller is
     * still at work is passed over (that caller takes a free place itself when it comes to wait). Waking every waiting
     * caller cost CPU for nothing. Called with {@link #lock} held.
     */
    private void wakeWaitingCallers() {
        int free = writerPlaces() - writers;
        for (InLine next : waiting) {
            if (free <= 0) {
                break;
            }
            if (next.callerWaits) {
                next.turn.signal();
                free--;
            }
        }
    }

    /** How many batches may be written at once (at least one, whatever the setting says). */
    private int writerPlaces() {
        return Math.max(1, maxWriters);
    }

    /** Uses in line, not yet taken into a batch (for tests). */
    int waitingCalls() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Uses in line whose callers wait for them (for tests). */
    int waitingCallers() {
        lock.lock();
        try {
            return (int) waiting.stream().filter(in -> in.callerWaits).count();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Public for the interceptor (called through {@link #self}): one transaction for the whole batch. The users are
     * read first, so that what the calls answer is what this transaction saw when it recorded them.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Written[] writeInOneTransaction(List<Use> uses) {
        Map<String, Map<String, User>> usersByDomain = usersToCheck(uses);
        // the two INSERTs share one pooled connection: taking one from the pool costs more than either statement
        try (Connection connection = dataSource.getConnection()) {
            boolean[] firstUses = replays.firstUsesOn(connection, uses.stream()
                    .map(use -> new ReplayGuard.OneTimeValue(use.domainId(), use.kind(), use.value(), use.keepUntil())).toList());
            List<AuditLog.Entry> events = new ArrayList<>();
            Written[] written = outcomes(uses, firstUses, usersByDomain, events);
            audit.recordAllOn(connection, events);
            return written;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the one-time values and audit events of a batch of " + uses.size(), e);
        }
    }

    /**
     * What a batch answers each use, from which values it used for the first time and the users it read (by domain,
     * then user id); adds to {@code events} the audit events to write: a use's own, when its value was used for the
     * first time and, if it names a user, that user was found and may have the token.
     */
    static Written[] outcomes(List<Use> uses, boolean[] firstUses, Map<String, Map<String, User>> usersByDomain,
                              List<AuditLog.Entry> events) {
        Written[] written = new Written[uses.size()];
        for (int i = 0; i < uses.size(); i++) {
            Use use = uses.get(i);
            Optional<User> user = use.user() == null ? Optional.empty()
                    : Optional.ofNullable(usersByDomain.getOrDefault(use.domainId(), Map.of()).get(use.user().userId()));
            boolean tokenAllowed = use.user() == null || user.filter(use.user().mayHaveToken()).isPresent();
            if (firstUses[i] && tokenAllowed) {
                events.add(use.event());
            }
            written[i] = new Written(firstUses[i], user);
        }
        return written;
    }

    /** The users the uses name, by domain and user id, with one query per domain. */
    private Map<String, Map<String, User>> usersToCheck(List<Use> uses) {
        Map<String, Set<String>> wanted = new HashMap<>();
        for (Use use : uses) {
            if (use.user() != null) {
                wanted.computeIfAbsent(use.domainId(), d -> new LinkedHashSet<>()).add(use.user().userId());
            }
        }
        Map<String, Map<String, User>> found = new HashMap<>();
        wanted.forEach((domainId, userIds) -> {
            Map<String, User> byId = new HashMap<>();
            for (User user : users.findAll(domainId, userIds)) {
                byId.put(user.getUserId(), user);
            }
            found.put(domainId, byId);
        });
        return found;
    }
}
