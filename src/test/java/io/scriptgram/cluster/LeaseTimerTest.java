package io.scriptgram.cluster;

import static io.scriptgram.cluster.LeaseTimer.State.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The holder's side of a lease on a clock the test drives: renew from a third, fenced from two thirds. */
class LeaseTimerTest {
    private static final long S = 1_000_000_000L;
    private static final Duration LEASE = Duration.ofSeconds(15);

    @Test
    void aGrantedLeaseIsHeldThenDueForRenewAtAThirdThenFencedAtTwoThirds() {
        LeaseTimer t = new LeaseTimer(LEASE);
        long t0 = 1_000 * S;
        assertEquals(NOT_HELD, t.state(t0));
        t.granted(t0);
        assertEquals(HELD, t.state(t0));
        assertEquals(HELD, t.state(t0 + 5 * S - 1));
        assertEquals(5 * S, t.nanosUntilNextChange(t0));
        assertEquals(RENEW_DUE, t.state(t0 + 5 * S));
        assertEquals(RENEW_DUE, t.state(t0 + 10 * S - 1));
        assertEquals(1, t.nanosUntilNextChange(t0 + 10 * S - 1));
        assertEquals(FENCED, t.state(t0 + 10 * S), "no renew by two thirds: stop, a third before the expiry");
        assertEquals(0, t.nanosUntilNextChange(t0 + 10 * S));
    }

    @Test
    void aRenewCountsFromWhenItWasSentNotWhenItsAnswerCame() {
        LeaseTimer t = new LeaseTimer(LEASE);
        long t0 = 0;
        t.granted(t0);
        long sent = t0 + 6 * S;
        // the answer arrives 3 s later: the database's expiry is at least sent + 15 s, no later is sure
        t.granted(sent);
        assertEquals(HELD, t.state(sent + 3 * S));
        assertEquals(RENEW_DUE, t.state(sent + 5 * S));
        assertEquals(FENCED, t.state(sent + 10 * S));
    }

    @Test
    void failedRenewsChangeNothingUntilTheFence() {
        LeaseTimer t = new LeaseTimer(LEASE);
        t.granted(0);
        // renews at 5 s, 6 s ... all time out: nothing is recorded, the fence stays at 10 s
        assertEquals(RENEW_DUE, t.state(9 * S));
        assertEquals(FENCED, t.state(10 * S));
    }

    @Test
    void aLateAnswerToAnOlderRenewDoesNotMoveTheFenceBack() {
        LeaseTimer t = new LeaseTimer(LEASE);
        t.granted(6 * S);
        t.granted(5 * S);
        assertEquals(6 * S + 10 * S, t.fenceAt());
    }

    @Test
    void aRefusedRenewFencesAtOnceAndAReleaseLeavesNothingHeld() {
        LeaseTimer t = new LeaseTimer(LEASE);
        t.granted(0);
        t.lost();
        assertEquals(FENCED, t.state(1), "the lease is someone else's now");
        t.released();
        assertEquals(NOT_HELD, t.state(2));
        t.lost();
        assertEquals(NOT_HELD, t.state(3), "nothing to lose when nothing is held");
        t.granted(4);
        assertEquals(HELD, t.state(5), "a new acquisition starts over");
    }

    @Test
    void theClockMayWrapAroundLikeNanoTime() {
        LeaseTimer t = new LeaseTimer(LEASE);
        long near = Long.MAX_VALUE - 2 * S;
        t.granted(near);
        assertEquals(HELD, t.state(near + 4 * S), "past Long.MAX_VALUE");
        assertEquals(RENEW_DUE, t.state(near + 6 * S));
        assertEquals(FENCED, t.state(near + 11 * S));
    }

    @Test
    void aLeaseMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new LeaseTimer(Duration.ZERO));
    }
}
