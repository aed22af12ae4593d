package io.scriptgram.host;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The steps of stopping something, each run even when an earlier one failed (a failed unload must not leave the store
 * unflushed); every failure is logged with its step, and {@link #done} reports them together.
 */
final class Shutdown {
    /** One step; it may throw anything an {@link AutoCloseable#close} may. */
    interface Step {
        void run() throws Exception;
    }

    private final Logger log;
    private final String what;
    private final List<String> failed = new ArrayList<>();
    private Exception first;

    Shutdown(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    Shutdown step(String name, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt(); // the later steps still run
            log.log(Level.WARNING, what + ": " + name + " failed: " + e, e);
            failed.add(name + " (" + e.getMessage() + ")");
            if (first == null) first = e;
            else first.addSuppressed(e);
        }
        return this;
    }

    /** Throws when a step failed, naming each, with the first failure as the cause and the rest suppressed by it. */
    void done() {
        if (first != null) throw new IllegalStateException(what + ": " + String.join(", ", failed) + " failed", first);
    }
}
