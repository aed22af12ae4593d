package io.scriptgram.schedule;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private final Scheduler scheduler = new Scheduler(Clock.systemUTC());

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void intervalJobsFireRepeatedly() throws Exception {
        CountDownLatch three = new CountDownLatch(3);
        scheduler.every("a", "tick", Duration.ofMillis(50), () -> {
            three.countDown();
            return CompletableFuture.completedFuture(null);
        });
        assertTrue(three.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aRunStillGoingMakesTheNextSkip() throws Exception {
        CompletableFuture<Void> never = new CompletableFuture<>();
        AtomicInteger started = new AtomicInteger();
        Job job = scheduler.every("a", "slow", Duration.ofMillis(20), () -> {
            started.incrementAndGet();
            return never;
        });
        waitFor(() -> job.info().skips() >= 2);
        assertEquals(1, started.get(), "only the first run started");
        never.complete(null);
        waitFor(() -> started.get() >= 2); // the next due time runs again
    }

    @Test
    void aFailingJobIsLoggedAndStaysScheduled() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Job job = scheduler.every("a", "boom", Duration.ofMillis(20), () -> {
            runs.incrementAndGet();
            if (runs.get() % 2 == 0) return CompletableFuture.failedFuture(new IllegalStateException("async boom"));
            throw new IllegalStateException("sync boom");
        });
        waitFor(() -> runs.get() >= 4);
        assertTrue(job.info().failures() >= 3);
        assertTrue(job.info().lastError().contains("boom"));
    }

    @Test
    void cancelEndsThatJobOnly() throws Exception {
        AtomicInteger mine = new AtomicInteger(), other = new AtomicInteger();
        Job job = scheduler.every("mine", "x", Duration.ofMillis(20), () -> {
            mine.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
        scheduler.every("other", "y", Duration.ofMillis(20), () -> {
            other.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
        waitFor(() -> mine.get() >= 1);
        scheduler.cancel(job);
        int after = mine.get();
        int otherNow = other.get();
        waitFor(() -> other.get() >= otherNow + 3); // three more periods passed
        assertTrue(mine.get() <= after + 1, "at most a run already in flight"); // a fire may have been on its way
        assertEquals(1, scheduler.size());
        assertEquals("other", scheduler.jobs().get(0).owner());
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("condition not met within 5 s");
            LockSupport.parkNanos(1_000_000); // poll the condition, not a fixed sleep
        }
    }
}
