package io.scriptgram.scripttest;

import io.scriptgram.host.Host;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test's time: a clock that stands still until {@link #advance} moves it, and a timer service whose waits end when
 * the clock passes them. Schedules ({@code every}, {@code cron}), the scripts' sleeps and timers, their
 * {@code Date.now()}/{@code time.time()}, the sandbox world and the MTProto sessions all read it, so a day passes in
 * milliseconds. It starts at the real time.
 */
final class VirtualTime implements AutoCloseable {
    private final AtomicLong nowMillis = new AtomicLong(System.currentTimeMillis());
    private final ZoneId zone;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    /** Runs what is due now (a zero delay) off the caller's thread, as a real timer thread would. */
    private final ExecutorService immediate = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scripttest-timers");
        t.setDaemon(true);
        return t;
    });

    VirtualTime(ZoneId zone) {
        this.zone = zone;
    }

    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return Clock.fixed(instant(), z); // nobody here asks for another zone
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMillis.get());
        }

        @Override
        public long millis() {
            return nowMillis.get();
        }
    };

    final ScheduledExecutorService timers = new Timers();

    Host.Hooks hooks() {
        return new Host.Hooks(clock, timers, false);
    }

    long millis() {
        return nowMillis.get();
    }

    /**
     * Moves the clock forward by {@code d}, running each wait that falls due on the way at its own time, in order;
     * {@code settle} runs after each (the test waits there for the scripts to finish what the wait started).
     */
    void advance(Duration d, Runnable settle) {
        if (d.isNegative()) throw new IllegalArgumentException("t.clock.advance: time only moves forward, got " + d);
        long target = nowMillis.get() + d.toMillis();
        while (true) {
            Task<?> next;
            synchronized (queue) {
                next = queue.peek();
                if (next == null || next.due > target) break;
                queue.poll();
            }
            if (next.due > nowMillis.get()) nowMillis.set(next.due);
            next.runNow();
            settle.run();
        }
        nowMillis.set(Math.max(nowMillis.get(), target));
    }

    /** Waits not over yet. */
    int pending() {
        synchronized (queue) {
            return queue.size();
        }
    }

    @Override
    public void close() {
        synchronized (queue) {
            queue.clear();
        }
        immediate.shutdownNow();
    }

    /** One wait: due at a virtual time, then (repeating ones) again {@code period} later. */
    private final class Task<V> implements ScheduledFuture<V> {
        final Callable<V> body;
        final long period;
        final long seq = sequence.incrementAndGet();
        volatile long due;
        final CompletableFuture<V> result = new CompletableFuture<>();

        Task(Callable<V> body, long due, long period) {
            this.body = body;
            this.due = due;
            this.period = period;
        }

        void runNow() {
            if (result.isDone()) return;
            try {
                V v = body.call();
                if (period > 0) {
                    due += period;
                    enqueue(this);
                } else result.complete(v);
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - nowMillis.get(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task<?> t = (Task<?>) o;
            return due != t.due ? Long.compare(due, t.due) : Long.compare(seq, t.seq);
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            synchronized (queue) {
                queue.remove(this);
            }
            return result.cancel(false);
        }

        @Override
        public boolean isCancelled() {
            return result.isCancelled();
        }

        @Override
        public boolean isDone() {
            return result.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return result.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return result.get(timeout, unit);
        }
    }

    private void enqueue(Task<?> t) {
        synchronized (queue) {
            queue.add(t);
        }
    }

    private <V> ScheduledFuture<V> add(Callable<V> body, long delay, TimeUnit unit, long period) {
        long ms = Math.max(0, unit.toMillis(delay));
        Task<V> t = new Task<>(body, nowMillis.get() + ms, period);
        if (ms == 0 && period == 0) {
            // Due now: run it at once on the timer thread, as a real timer does, without waiting for an advance.
            immediate.execute(t::runNow);
        } else enqueue(t);
        return t;
    }

    /** The timer service over the virtual clock. */
    private final class Timers extends AbstractExecutorService implements ScheduledExecutorService {
        private volatile boolean shutdown;

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return add(Executors.callable(command), delay, unit, 0);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return add(callable, delay, unit, 0);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            if (period <= 0) throw new IllegalArgumentException("period must be positive");
            return add(Executors.callable(command), Math.max(1, initialDelay), unit, unit.toMillis(period));
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(
                Runnable command, long initialDelay, long delay, TimeUnit unit) {
            return scheduleAtFixedRate(command, initialDelay, delay, unit);
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return new ArrayList<>();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }

        @Override
        public void execute(Runnable command) {
            immediate.execute(command);
        }
    }
}
