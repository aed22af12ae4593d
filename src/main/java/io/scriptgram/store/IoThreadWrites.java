package io.scriptgram.store;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A check, on in tests, that no store write runs on a network I/O thread: a commit waits for an fsync, and an event
 * loop waiting on one stops reading every connection it serves. Such a write fails with {@link IllegalStateException}
 * and is recorded, so a test fails even where the thread swallowed the exception. I/O threads are known by name (the
 * store does not see Netty): ours are {@code scriptgram-io-N}; Netty's default names are covered too.
 *
 * <p>Off unless {@link #failWritesOnIoThreads()} was called or the system property {@value #PROPERTY} is {@code true}.
 */
public final class IoThreadWrites {
    public static final String PROPERTY = "scriptgram.store.failWritesOnIoThreads";
    private static final List<String> IO_THREAD_PREFIXES =
            List.of("scriptgram-io-", "nioEventLoopGroup-", "multiThreadIoEventLoopGroup-", "epollEventLoopGroup-");
    private static final int MAX_KEPT = 20;

    private static volatile boolean on = Boolean.getBoolean(PROPERTY);
    private static final Queue<String> VIOLATIONS = new ConcurrentLinkedQueue<>();

    private IoThreadWrites() {}

    /** Turns the check on for this process. */
    public static void failWritesOnIoThreads() {
        on = true;
    }

    /** The writes refused since the last call, each with the thread and where it came from; clears them. */
    public static List<String> takeViolations() {
        List<String> out = new ArrayList<>();
        for (String v; (v = VIOLATIONS.poll()) != null; ) out.add(v);
        return out;
    }

    /** Called by every write before it starts. */
    static void check(String what) {
        if (!on) return;
        String thread = Thread.currentThread().getName();
        if (IO_THREAD_PREFIXES.stream().noneMatch(thread::startsWith)) return;
        IllegalStateException e = new IllegalStateException(
                "store write (" + what + ") on I/O thread " + thread + ": database work belongs off the event loop");
        if (VIOLATIONS.size() < MAX_KEPT) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            VIOLATIONS.add(trace.toString());
        }
        throw e;
    }
}
