package dev.lanyard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BulkheadTest {

    @Test
    void workWithinThePermitsRunsAndItsResultComesBack() {
        Bulkhead bulkhead = new Bulkhead("hashing", 2, 0, Duration.ZERO);
        assertThat(bulkhead.call(() -> 42)).isEqualTo(42);
        assertThat(bulkhead.call(() -> "again")).as("the permit was given back").isEqualTo("again");
    }

    @Test
    void aCallerBeyondPermitsAndQueueIsTurnedAwayAtOnce() throws Exception {
        Bulkhead bulkhead = new Bulkhead("hashing", 1, 0, Duration.ofSeconds(10));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> holder = pool.submit(() -> bulkhead.call(() -> {
                inside.countDown();
                await(release);
                return 1;
            }));
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            assertThatThrownBy(() -> bulkhead.call(() -> 2)).isInstanceOf(Bulkhead.Full.class)
                    .satisfies(e -> assertThat(((Bulkhead.Full) e).retryAfterSeconds()).isPositive());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no queue: no wait").isLessThan(Duration.ofSeconds(5));
            release.countDown();
            assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(bulkhead.call(() -> 3)).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWaitingCallerGetsThePermitWhenItComesFreeInTimeAndIsTurnedAwayWhenNot() throws Exception {
        Bulkhead bulkhead = new Bulkhead("hashing", 1, 4, Duration.ofMillis(300));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> holder = pool.submit(() -> bulkhead.call(() -> {
                inside.countDown();
                await(release);
                return 1;
            }));
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> bulkhead.call(() -> 2)).as("nothing came free within 300 ms").isInstanceOf(Bulkhead.Full.class);
            Future<Integer> waiter = pool.submit(() -> bulkhead.call(() -> 2));
            Thread.sleep(50);
            release.countDown();
            assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(waiter.get(5, TimeUnit.SECONDS)).as("served once the holder left").isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theQueueHoldsAtMostItsLengthAndAFailedCallGivesNothingBack() throws Exception {
        Bulkhead bulkhead = new Bulkhead("hashing", 1, 1, Duration.ofSeconds(10));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> admitted = new ArrayList<>();
            admitted.add(pool.submit(() -> bulkhead.call(() -> {
                inside.countDown();
                await(release);
                return 1;
            })));
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            admitted.add(pool.submit(() -> bulkhead.call(() -> 2)));
            Thread.sleep(100); // the second caller is now waiting: the queue of one is full
            assertThatThrownBy(() -> bulkhead.call(() -> 3)).isInstanceOf(Bulkhead.Full.class);
            release.countDown();
            assertThat(admitted.get(0).get(5, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(admitted.get(1).get(5, TimeUnit.SECONDS)).isEqualTo(2);
            assertThatThrownBy(() -> bulkhead.call(() -> {
                throw new IllegalStateException("work failed");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(bulkhead.call(() -> 4)).as("a failure gives its permit back").isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new Bulkhead("x", 0, 0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bulkhead("x", 1, -1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
