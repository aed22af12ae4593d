package io.scriptgram.console;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The host's log as the console streams it: a handler on the root logger that keeps the last lines and hands each new
 * one to every open stream. A slow reader loses lines (counted) rather than slowing the host down.
 */
public final class LogFeed extends Handler {
    static final int KEPT = 1000;
    private static final int QUEUED_PER_READER = 2000;

    /** One log line. {@code script} is the script's name for {@code script.NAME} loggers, else empty. */
    public record Line(long seq, Instant at, String level, String logger, String script, String message) {}

    /** A reader's queue of lines. */
    public final class Reader implements AutoCloseable {
        final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUED_PER_READER);
        volatile long lost;

        @Override
        public void close() {
            readers.remove(this);
        }
    }

    private final Formatter text = new SimpleFormatter();
    private final Deque<Line> kept = new ArrayDeque<>();
    private final Set<Reader> readers = new CopyOnWriteArraySet<>();
    private long seq;

    /** Attaches a feed to the root logger; {@link #detach} takes it off. */
    public static LogFeed attach() {
        LogFeed f = new LogFeed();
        f.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(f);
        return f;
    }

    public void detach() {
        Logger.getLogger("").removeHandler(this);
        close();
    }

    @Override
    public void publish(LogRecord r) {
        if (r == null || !isLoggable(r)) return;
        String msg;
        try {
            msg = text.formatMessage(r);
            if (r.getThrown() != null) msg += " (" + r.getThrown() + ")";
        } catch (RuntimeException e) {
            msg = String.valueOf(r.getMessage());
        }
        String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
        String script = logger.startsWith("script.") ? logger.substring("script.".length()) : "";
        Line line;
        synchronized (kept) {
            line = new Line(++seq, r.getInstant(), levelName(r.getLevel()), logger, script, msg);
            kept.addLast(line);
            if (kept.size() > KEPT) kept.removeFirst();
        }
        for (Reader reader : readers) {
            if (!reader.queue.offer(line)) reader.lost++;
        }
    }

    /** The last lines kept, oldest first. */
    public List<Line> recent() {
        synchronized (kept) {
            return new ArrayList<>(kept);
        }
    }

    /** A reader that gets every line from now on. Close it when done. */
    public Reader open() {
        Reader r = new Reader();
        readers.add(r);
        return r;
    }

    int readers() {
        return readers.size();
    }

    static String levelName(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) return "error";
        if (v >= Level.WARNING.intValue()) return "warn";
        if (v >= Level.INFO.intValue()) return "info";
        return "debug";
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        readers.clear();
    }
}
