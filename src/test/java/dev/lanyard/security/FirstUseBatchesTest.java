package dev.lanyard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lanyard.audit.AuditLog;
import dev.lanyard.database.DatabaseFailures;
import dev.lanyard.user.Role;
import dev.lanyard.user.User;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How calls are grouped into batches and what each call hears back, with the batch's transaction replaced by an
 * in-memory writer (the SQL of a batch is {@code ReplayGuardTest}'s and the integration tests' business).
 */
class FirstUseBatchesTest {

    /**
     * Remembers used values and written events, counts batch sizes, can hold a batch and fails values named fail-*;
     * its users (by domain, then user id) are what a batch reads.
     */
    static final class InMemoryWriter extends FirstUseBatches {
        final Set<String> used = ConcurrentHashMap.newKeySet();
        final Map<String, Map<String, User>> users = new ConcurrentHashMap<>();
        final List<AuditLog.Entry> events = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch hold = new CountDownLatch(0);

        @Override
        public Written[] writeInOneTransaction(List<Use> uses) {
            batchSizes.add(uses.size());
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (uses.stream().anyMatch(use -> use.value().startsWith("fail-"))) {
                throw new IllegalStateException("the database refused the batch"); // nothing of it is kept
            }
            boolean[] first = new boolean[uses.size()];
            for (int i = 0; i < uses.size(); i++) {
                first[i] = used.add(uses.get(i).value());
            }
            return outcomes(uses, first, users, events);
        }
    }

    private final InMemoryWriter writer = new InMemoryWriter();
    private final ExecutorService callers = Executors.newFixedThreadPool(12);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    private FirstUseBatches batches(int maxBatch, int writers) {
        FirstUseBatches batches = new FirstUseBatches();
        batches.self = writer;
        batches.maxBatch = maxBatch;
        batches.maxWriters = writers;
        batches.maxWaitMillis = 10_000;
        return batches;
    }

    private static FirstUseBatches.Use use(String value) {
        return new FirstUseBatches.Use("d1", "acs", value, Instant.parse("2026-12-06T12:00:00Z"),
                new AuditLog.Entry("d1", "token.on_behalf", "u-" + value, null, "accesskey:k", "127.0.0.1", null));
    }

    /** Starts the first call and waits until it is writing its batch (held by the writer). */
    private Future<Boolean> firstCallHeldInItsBatch(FirstUseBatches batches, String value) throws Exception {
        writer.hold = new CountDownLatch(1);
        Future<Boolean> first = callers.submit(() -> batches.recordFirstUse(use(value)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.batchSizes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writer.batchSizes).as("the first call writes at once").containsExactly(1);
        return first;
    }

    private static void awaitWaiting(FirstUseBatches batches, int calls) throws InterruptedException {
        awaitCount(batches::waitingCalls, calls);
    }

    /** Waits up to 10 s for the count to reach {@code expected}, then asserts it. */
    private static void awaitCount(IntSupplier count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count.getAsInt() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(count.getAsInt()).isEqualTo(expected);
    }

    @Test
    void aCallAloneIsWrittenAtOnceAndAReplayWritesNothing() {
        FirstUseBatches batches = batches(64, 2);
        assertThat(batches.recordFirstUse(use("a"))).isTrue();
        assertThat(batches.recordFirstUse(use("a"))).as("a replay").isFalse();
        assertThat(writer.batchSizes).containsExactly(1, 1);
        assertThat(writer.events).extracting(AuditLog.Entry::userId).containsExactly("u-a");
    }

    @Test
    void callsArrivingDuringAWriteGoTogetherInTheNextBatchesUpToTheMaximum() throws Exception {
        FirstUseBatches batches = batches(4, 1);
        Future<Boolean> first = firstCallHeldInItsBatch(batches, "first");
        List<Future<Boolean>> later = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String value = "v" + i;
            later.add(callers.submit(() -> batches.recordFirstUse(use(value))));
        }
        awaitWaiting(batches, 10);
        writer.hold.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        for (Future<Boolean> call : later) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(writer.batchSizes).containsExactly(1, 4, 4, 2);
        assertThat(writer.events).hasSize(11);
        assertThat(batches.waitingCalls()).isZero();
    }

    @Test
    void withTwoWritersASecondCallWritesAtOnceAndAThirdWaits() throws Exception {
        FirstUseBatches batches = batches(64, 2);
        Future<Boolean> first = firstCallHeldInItsBatch(batches, "first");
        Future<Boolean> second = callers.submit(() -> batches.recordFirstUse(use("second")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.batchSizes.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writer.batchSizes).as("the second writer took its own batch").containsExactly(1, 1);
        Future<Boolean> third = callers.submit(() -> batches.recordFirstUse(use("third")));
        awaitWaiting(batches, 1);
        writer.hold.countDown();
        for (Future<Boolean> call : List.of(first, second, third)) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(writer.batchSizes).containsExactly(1, 1, 1);
    }

    @Test
    void aCallNoBatchTakesInTimeIsRefusedAsTheDatabaseBeingUnavailableAndWritesNothing() throws Exception {
        FirstUseBatches batches = batches(64, 1);
        batches.maxWaitMillis = 200;
        Future<Boolean> held = firstCallHeldInItsBatch(batches, "slow");
        Future<Boolean> late = callers.submit(() -> batches.recordFirstUse(use("late")));
        assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLTransientConnectionException.class);
        assertThat(batches.waitingCalls()).as("it left the line").isZero();
        writer.hold.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.used).containsExactly("slow");
        assertThat(DatabaseFailures.causedByDatabase(catchThrowable(() -> late.get()))).as("answered 503, not 500").isTrue();
    }

    @Test
    void aBatchThatFailsFailsEveryCallInItAndTheNextBatchIsWritten() throws Exception {
        FirstUseBatches batches = batches(64, 1);
        Future<Boolean> held = firstCallHeldInItsBatch(batches, "alone");
        Future<Boolean> failing = callers.submit(() -> batches.recordFirstUse(use("fail-1")));
        awaitWaiting(batches, 1);
        Future<Boolean> companion = callers.submit(() -> batches.recordFirstUse(use("companion")));
        awaitWaiting(batches, 2);
        writer.hold.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
        for (Future<Boolean> call : List.of(failing, companion)) {
            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("the database refused the batch");
        }
        assertThat(writer.used).as("nothing of the failed batch was kept").containsExactly("alone");
        assertThat(batches.recordFirstUse(use("companion"))).as("the next batch is written, the value still unused").isTrue();
        assertThat(writer.batchSizes).containsExactly(1, 2, 1);
    }

    @Test
    void aUseInLineWhileItsCallerWorksIsWrittenInTheBatchOfAnotherCall() {
        FirstUseBatches batches = batches(64, 2);
        Optional<FirstUseBatches.Committed<String>> token = batches.recordFirstUseWhile(use("signing"), () -> {
            assertThat(writer.batchSizes).as("putting a use in line writes nothing").isEmpty();
            assertThat(batches.recordFirstUse(use("other"))).isTrue(); // another call commits while this one signs
            return "token";
        });
        assertThat(token).map(FirstUseBatches.Committed::result).contains("token");
        assertThat(writer.batchSizes).as("the other call's batch took it along; nothing was left to write").containsExactly(2);
        assertThat(writer.events).extracting(AuditLog.Entry::userId).containsExactlyInAnyOrder("u-signing", "u-other");
    }

    @Test
    void aFreedWriterPlaceGoesToACallerThatWaitsNotToOneStillAtWork() throws Exception {
        FirstUseBatches batches = batches(64, 1);
        Future<Boolean> first = firstCallHeldInItsBatch(batches, "first");
        FirstUseBatches.InLine atWork = batches.submit(use("at-work")); // first in line, its caller not waiting yet
        Future<Boolean> waiting = callers.submit(() -> batches.recordFirstUse(use("waiting")));
        awaitCount(batches::waitingCallers, 1); // the second caller waits
        writer.hold.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(waiting.get(2, TimeUnit.SECONDS)).as("woken at once, not after its 10 s wait").isTrue();
        assertThat(writer.batchSizes).containsExactly(1, 2);
        assertThat(batches.await(atWork).firstUse()).isTrue();
    }

    @Test
    void workThatFailsTakesItsUseOutOfLineAndAReplayedUseDropsTheWorksResult() {
        FirstUseBatches batches = batches(64, 2);
        assertThatThrownBy(() -> batches.recordFirstUseWhile(use("v"), () -> {
            throw new IllegalStateException("signing failed");
        })).hasMessage("signing failed");
        assertThat(batches.waitingCalls()).isZero();
        assertThat(writer.used).as("the value was not used up").isEmpty();
        assertThat(batches.recordFirstUseWhile(use("v"), () -> "token")).map(FirstUseBatches.Committed::result).contains("token");
        assertThat(batches.recordFirstUseWhile(use("v"), () -> "second token")).as("a replay").isEmpty();
        assertThat(writer.events).hasSize(1);
    }

    @Test
    void workThatFailsAfterABatchTookItsUseLeavesTheValueUsed() {
        FirstUseBatches batches = batches(64, 2);
        assertThatThrownBy(() -> batches.recordFirstUseWhile(use("taken"), () -> {
            batches.recordFirstUse(use("other"));
            throw new AssertionError("signing failed after the commit");
        })).hasMessage("signing failed after the commit");
        assertThat(writer.used).containsExactlyInAnyOrder("taken", "other");
        assertThat(batches.recordFirstUse(use("taken"))).as("a second try is a replay").isFalse();
    }

    @Test
    void aUseNamingAUserGetsTheUserAsReadInItsBatchAndItsEventOnlyWhenTheUserMayHaveTheToken() {
        FirstUseBatches batches = batches(64, 2);
        User alice = new User("d1", "alice", "Alice", Role.USER, Instant.parse("2026-12-06T11:00:00Z"));
        writer.users.put("d1", new ConcurrentHashMap<>(Map.of("alice", alice)));

        Optional<FirstUseBatches.Committed<String>> allowed = batches.recordFirstUseWhile(useFor("a1", "alice", u -> true), () -> "t1");
        Optional<FirstUseBatches.Committed<String>> refused = batches.recordFirstUseWhile(useFor("a2", "alice", u -> false), () -> "t2");
        Optional<FirstUseBatches.Committed<String>> unknown = batches.recordFirstUseWhile(useFor("b1", "bob", u -> true), () -> "t3");

        assertThat(allowed).get().satisfies(c -> assertThat(c.user()).containsSame(alice));
        assertThat(refused).as("a first use all the same: the caller refuses it").get()
                .satisfies(c -> assertThat(c.user()).containsSame(alice));
        assertThat(unknown).get().satisfies(c -> assertThat(c.user()).isEmpty());
        assertThat(writer.used).as("every value is used up, refused or not").containsExactlyInAnyOrder("a1", "a2", "b1");
        assertThat(writer.events).as("only the token that may be answered is audited").extracting(AuditLog.Entry::userId)
                .containsExactly("u-a1");
        assertThat(batches.recordFirstUseWhile(useFor("a1", "alice", u -> true), () -> "again")).as("a replay").isEmpty();
        assertThat(writer.events).hasSize(1);
        assertThatThrownBy(() -> batches.recordFirstUse(useFor("c1", "alice", u -> true)))
                .as("an answer without the user as read could pass a refused user").isInstanceOf(IllegalArgumentException.class);
        assertThat(writer.used).doesNotContain("c1");
    }

    private static FirstUseBatches.Use useFor(String value, String userId, java.util.function.Predicate<User> mayHaveToken) {
        FirstUseBatches.Use plain = use(value);
        return new FirstUseBatches.Use(plain.domainId(), plain.kind(), plain.value(), plain.keepUntil(), plain.event(),
                new FirstUseBatches.UserCheck(userId, mayHaveToken));
    }
}
