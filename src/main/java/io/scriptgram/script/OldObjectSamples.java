package io.scriptgram.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * JFR's old-object sampler ({@code jdk.OldObjectSample}) as a per-thread estimate of who holds the live heap. The JVM
 * samples allocations in proportion to the bytes allocated, keeps a sample only while its object is alive, and
 * remembers the thread that allocated it. So a thread that keeps what it allocates holds many live samples, and one
 * that only churns memory holds few, however fast it allocates. The sampler is the JDK's own production leak detector:
 * it costs little while it runs (it hooks the allocation slow path only).
 */
final class OldObjectSamples implements AutoCloseable {
    private static final String EVENT = "jdk.OldObjectSample";
    /** No path-to-GC-roots search: that walks the heap, and the heap is nearly full when we ask. */
    private static final String NO_ROOT_PATHS = "0 ns";

    /** Keeps the sampler running between snapshots; it records nothing itself (memory only, nothing emitted). */
    private final Recording sampler = new Recording();

    OldObjectSamples() {
        sampler.setName("scriptgram-memory-guard");
        sampler.enable(EVENT).with("cutoff", NO_ROOT_PATHS);
        sampler.setToDisk(false);
        sampler.start();
    }

    /**
     * The live samples now, counted per allocating thread (by thread id). JFR writes the samples only when a recording
     * with the event stops, so a short second recording is started, stopped and read back. The JVM writes the samples
     * that were alive at the last collection.
     */
    Map<Long, Count> liveByThread() throws IOException {
        Path file = Files.createTempFile("scriptgram-heap-", ".jfr");
        try {
            try (Recording snapshot = new Recording()) {
                snapshot.setName("scriptgram-memory-guard-snapshot");
                snapshot.enable(EVENT).with("cutoff", NO_ROOT_PATHS);
                snapshot.setToDisk(true);
                snapshot.start();
                snapshot.stop();
                snapshot.dump(file);
            }
            Map<Long, Count> counts = new HashMap<>();
            try (RecordingFile in = new RecordingFile(file)) {
                while (in.hasMoreEvents()) {
                    RecordedEvent e = in.readEvent();
                    if (!e.getEventType().getName().equals(EVENT)) continue;
                    RecordedThread t = e.getThread();
                    long id = t == null ? -1 : t.getJavaThreadId();
                    counts.computeIfAbsent(id, k -> new Count(t == null ? null : t.getJavaName())).samples++;
                }
            }
            return counts;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Live samples of one thread; {@code threadName} as JFR recorded it (null when unknown). */
    static final class Count {
        final String threadName;
        int samples;

        Count(String threadName) {
            this.threadName = threadName;
        }
    }

    @Override
    public void close() {
        sampler.close();
    }
}
