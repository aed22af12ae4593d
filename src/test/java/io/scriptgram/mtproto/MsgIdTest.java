package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** msg_id, seq_no and the replay window (mtproto/description: "Message Identifier", "Message Sequence Number"). */
class MsgIdTest {
    @Test
    void idsCarryTheTimeAndTheSendersLowBits() {
        TestClock clock = new TestClock(1_700_000_000_500L);
        MsgId ids = new MsgId(clock::millis);
        long c = ids.next(MsgId.Kind.CLIENT);
        assertEquals(1_700_000_000L, MsgId.seconds(c));
        // 500 ms is half a second: the sub-second bits are about 2^31
        assertEquals(1L << 31, c & 0xffffffffL, 8);
        assertEquals(0, c & 3);
        assertEquals(1, ids.next(MsgId.Kind.SERVER_RESPONSE) & 3);
        assertEquals(3, ids.next(MsgId.Kind.SERVER_INITIATED) & 3);
        assertTrue(MsgId.isClient(c) && !MsgId.isServer(c));
        assertTrue(MsgId.isServer(c | 1) && MsgId.isServer(c | 3) && !MsgId.isServer(c | 2) && !MsgId.isClient(c | 2));
    }

    @Test
    void idsStrictlyIncreaseWhenTheClockStallsOrStepsBack() {
        TestClock clock = new TestClock(1_700_000_000_000L);
        MsgId ids = new MsgId(clock::millis);
        long last = 0;
        for (int i = 0; i < 10_000; i++) {
            if (i == 5000) clock.advance(-3000);
            MsgId.Kind k = MsgId.Kind.values()[i % 3];
            long id = ids.next(k);
            assertTrue(id > last, "id " + i + " increases");
            assertEquals(k == MsgId.Kind.CLIENT ? 0 : k == MsgId.Kind.SERVER_RESPONSE ? 1 : 3, id & 3);
            last = id;
        }
    }

    @Test
    void offsetFromAServerMsgIdCorrectsOurClock() {
        TestClock clock = new TestClock(1_700_000_000_000L);
        MsgId ids = new MsgId(clock::millis);
        long ahead = ids.next(MsgId.Kind.CLIENT);
        long serverId = (1_699_999_000L << 32) | 1; // the server is 1000 s behind us
        ids.correctFrom(serverId);
        assertEquals(-1000, ids.offsetSeconds());
        assertEquals(1_699_999_000L, ids.nowSeconds());
        long corrected = ids.next(MsgId.Kind.CLIENT);
        assertEquals(1_699_999_000L, MsgId.seconds(corrected), "ids follow the server's clock now");
        assertTrue(corrected < ahead, "ids made ahead were refused, so we may go below them");
        assertTrue(ids.next(MsgId.Kind.CLIENT) > corrected);
    }

    @Test
    void seqNoIsOddForContentRelatedMessagesAndEvenOtherwise() {
        SeqNo s = new SeqNo();
        assertEquals(0, s.next(false));
        assertEquals(1, s.next(true));
        assertEquals(3, s.next(true));
        assertEquals(4, s.next(false));
        assertEquals(4, s.next(false));
        assertEquals(5, s.next(true));
    }

    @Test
    void replayWindowRemembersTheLastIdsAndRefusesAnythingBelowThem() {
        SeenMsgIds seen = new SeenMsgIds(4);
        for (long id = 10; id <= 50; id += 10) {
            assertFalse(seen.isReplay(id));
            seen.add(id);
        }
        assertTrue(seen.isReplay(50));
        assertTrue(seen.isReplay(20));
        assertTrue(seen.isReplay(10), "forgotten, and below the window: refused");
        assertTrue(seen.belowWindow(5));
        assertFalse(seen.isReplay(15 + 20), "unseen, inside the window");
        assertFalse(seen.isReplay(60));
    }
}
