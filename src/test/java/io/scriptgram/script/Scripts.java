package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Test helpers: write a script into a folder, load it, wait for notes, capture a script's log. */
final class Scripts {
    private Scripts() {}

    static Path write(Path dir, String file, String text) {
        try {
            Path p = dir.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScriptHandle load(ScriptHost host, Path dir, String file, String text) {
        return host.load(ScriptSpec.ofFile(write(dir, file, text), Map.of(), null));
    }

    static String note(FakeApi api) throws InterruptedException {
        String n = api.notes.poll(60, TimeUnit.SECONDS);
        assertNotNull(n, "the script reported nothing within 60 s");
        return n;
    }

    /** JUL holds loggers weakly: keep the ones with test handlers alive. */
    private static final List<Logger> KEEP = new CopyOnWriteArrayList<>();

    /** Collects every record of logger {@code script.NAME}. */
    static LinkedBlockingQueue<LogRecord> capture(String scriptName) {
        LinkedBlockingQueue<LogRecord> q = new LinkedBlockingQueue<>();
        Logger l = Logger.getLogger("script." + scriptName);
        KEEP.add(l);
        l.setLevel(Level.ALL);
        l.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                q.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        return q;
    }

    /** Waits for a log record whose message contains {@code text}. */
    static LogRecord awaitLog(LinkedBlockingQueue<LogRecord> q, String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < end) {
            LogRecord r = q.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (r == null) break;
            seen.append("\n  ").append(r.getMessage());
            if (r.getMessage().contains(text)) return r;
        }
        throw new AssertionError("no log record containing '" + text + "'; seen:" + seen);
    }
}
