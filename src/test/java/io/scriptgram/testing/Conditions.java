package io.scriptgram.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition, with a timeout: the tests' one way to wait (never a bare sleep). */
public final class Conditions {
    private Conditions() {}

    /** Polls {@code condition} until it holds or {@code within} has passed; returns whether it held. */
    public static boolean waitFor(BooleanSupplier condition, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        while (true) {
            if (condition.getAsBoolean()) return true;
            if (System.nanoTime() - end > 0) return false;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
