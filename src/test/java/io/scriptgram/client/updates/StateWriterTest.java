package io.scriptgram.client.updates;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.store.UpdateState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stored state never passes a delivery that a handler still holds. */
class StateWriterTest {
    private final SyncState s = new SyncState();
    private final UpdateStateStorage storage = UpdateStateStorage.inMemory();
    private final AtomicInteger releases = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    /** Writes the owner was asked to schedule after releases (the test runs none of them). */
    private final StateWriter writer =
            new StateWriter(s, storage, r -> releases.incrementAndGet(), w -> {}, clock, Duration.ofMinutes(10));

    private static final class MutableClock implements InstantSource {
        private long millis = 1_700_000_000_000L;

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        void advance(Duration d) {
            millis += d.toMillis();
        }
    }

    private void apply(int pts) {
        s.set(new UpdateState(pts, 0, 1, 0));
        s.changed();
    }

    @Test
    void whatNothingHoldsIsWrittenAtOnce() {
        apply(5);
        writer.delivered();
        assertEquals(new UpdateState(5, 0, 1, 0), writer.write());
        assertEquals(Optional.of(new UpdateState(5, 0, 1, 0)), storage.state());
        assertNull(writer.write(), "nothing changed since");
    }

    @Test
    void aHeldDeliveryKeepsTheStateBeforeItUntilReleasedThenEverythingSinceIsWritten() throws Exception {
        apply(5);
        writer.delivered();
        writer.write(); // pts 5 stored
        apply(6);
        AutoCloseable held = writer.hold(writer.delivered()); // a script has pts 6 queued
        s.setChannelPts(s.channel(900), 40);
        assertNull(writer.write());
        apply(7);
        writer.delivered(); // handled at once, but after the held one
        assertNull(writer.write());
        assertEquals(Optional.of(new UpdateState(5, 0, 1, 0)), storage.state(), "a crash now brings 6 and 7 again");
        assertEquals(Map.of(), storage.allChannelPts());

        held.close();
        held.close(); // twice is harmless
        assertEquals(1, releases.get(), "the owner is told once, to schedule a write");
        assertEquals(new UpdateState(7, 0, 1, 0), writer.write());
        assertEquals(Map.of(900L, 40), storage.allChannelPts(), "the held-back channel pts too");
    }

    @Test
    void aLaterHoldDoesNotKeepBackWhatCameBeforeIt() throws Exception {
        apply(5);
        writer.delivered();
        apply(6);
        writer.write(); // pts 6: nothing held
        AutoCloseable held = writer.hold(writer.delivered());
        apply(7);
        assertNull(writer.write());
        assertEquals(Optional.of(new UpdateState(6, 0, 1, 0)), storage.state());
        held.close();
        assertEquals(new UpdateState(7, 0, 1, 0), writer.write());
    }

    @Test
    void aHoldStuckPastItsLimitNoLongerKeepsTheStateBack() {
        apply(5);
        writer.hold(writer.delivered()); // never released: a handler stuck for good
        assertNull(writer.write());
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertEquals(new UpdateState(5, 0, 1, 0), writer.write());
    }

    @Test
    void changesWaitingBehindAHoldAreFoldedSoTheyDoNotPileUp() throws Exception {
        AutoCloseable held = writer.hold(writer.delivered());
        for (int pts = 1; pts <= 1000; pts++) {
            apply(pts);
            s.setChannelPts(s.channel(900 + pts % 3), pts);
            writer.delivered();
            assertNull(writer.write());
        }
        held.close();
        assertEquals(new UpdateState(1000, 0, 1, 0), writer.write());
        assertEquals(Map.of(900L, 999, 901L, 1000, 902L, 998), storage.allChannelPts(), "every channel's latest pts");
    }

    @Test
    void whatAFailedSaveHeldIsSavedAtTheNextWritePoint() {
        UpdateStateStorage flaky = new UpdateStateStorage() {
            private final UpdateStateStorage inner = UpdateStateStorage.inMemory();
            private boolean failNext = true;

            @Override
            public Optional<UpdateState> state() {
                return inner.state();
            }

            @Override
            public void setState(UpdateState state) {
                inner.setState(state);
            }

            @Override
            public Map<Long, Integer> allChannelPts() {
                return inner.allChannelPts();
            }

            @Override
            public void setChannelPts(long channelId, int pts) {
                inner.setChannelPts(channelId, pts);
            }

            @Override
            public void save(UpdateState state, Map<Long, Integer> changedChannels) {
                if (failNext) {
                    failNext = false;
                    throw new IllegalStateException("disk full");
                }
                inner.save(state, changedChannels);
            }
        };
        StateWriter w = new StateWriter(s, flaky, r -> {}, x -> {}, clock, Duration.ofMinutes(10));
        apply(5);
        s.setChannelPts(s.channel(900), 40);
        w.delivered();
        assertThrows(IllegalStateException.class, w::write);
        assertEquals(Optional.empty(), flaky.state());

        assertEquals(new UpdateState(5, 0, 1, 0), w.write(), "nothing new, but the failed save is made again");
        assertEquals(Optional.of(new UpdateState(5, 0, 1, 0)), flaky.state());
        assertEquals(Map.of(900L, 40), flaky.allChannelPts(), "the channel pts the failed save carried are not lost");
    }
}
