package io.scriptgram.scripttest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When {@code t.clock.advance} may move on: a run whose API call is slow to be answered (a loaded machine) is waited
 * for past the stuck bound, since moving the clock under an answer in flight makes the session drop it as too old (the
 * test then saw a daily cron skip a day); a script that waits for the test is given up on. Time here is a counter that
 * each pause moves by one second.
 */
class SettleTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Settle settle =
            new Settle(nanos::get, () -> nanos.addAndGet(Duration.ofSeconds(1).toNanos()), Settle.STUCK, Settle.CAP);

    /**
     * A script that is quiet once {@code busyFor} has passed, working (a call in flight, or its code running) until
     * then if {@code calling}.
     */
    private Settle.Probe script(Duration busyFor, boolean calling, boolean finishesWork) {
        return new Settle.Probe() {
            @Override
            public boolean quiet() {
                return nanos.get() >= busyFor.toNanos();
            }

            @Override
            public long finishedWork() {
                return finishesWork ? nanos.get() : 0;
            }

            @Override
            public boolean working() {
                return calling && !quiet();
            }
        };
    }

    private long seconds() {
        return Duration.ofNanos(nanos.get()).toSeconds();
    }

    @Test
    void aCallAnsweredLaterThanTheStuckBoundIsWaitedFor() {
        assertTrue(settle.await(script(Duration.ofSeconds(40), true, false)));
        assertEquals(40, seconds());
    }

    @Test
    void aScriptWaitingForTheTestWithNothingInFlightIsGivenUpOnAfterTheStuckBound() {
        assertFalse(settle.await(script(Duration.ofHours(1), false, false)));
        assertEquals(Settle.STUCK.toSeconds(), seconds());
    }

    @Test
    void aScriptThatKeepsFinishingWorkIsWaitedForUpToTheCap() {
        assertTrue(settle.await(script(Duration.ofSeconds(90), false, true)));
        assertEquals(90, seconds());
        nanos.set(0);
        assertFalse(settle.await(script(Duration.ofHours(1), true, true)));
        assertEquals(Settle.CAP.toSeconds(), seconds());
    }

    @Test
    void aQuietScriptReturnsAtOnce() {
        assertTrue(settle.await(script(Duration.ZERO, true, true)));
        assertEquals(0, seconds());
    }
}
