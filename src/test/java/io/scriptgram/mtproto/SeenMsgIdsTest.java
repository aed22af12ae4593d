package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The replay window keeps exactly the last N ids, also while its storage grows to N. */
class SeenMsgIdsTest {
    @Test
    void keepsTheLastCapacityIdsAndRefusesWhatFellOutOfTheWindow() {
        SeenMsgIds seen = new SeenMsgIds(100); // grows 64 -> 100 on the way
        for (long id = 1; id <= 100; id++) seen.add(id);
        for (long id = 1; id <= 100; id++) assertTrue(seen.contains(id), "id " + id);
        assertFalse(seen.belowWindow(1), "nothing forgotten yet");
        for (long id = 101; id <= 250; id++) seen.add(id);
        for (long id = 1; id <= 150; id++) assertFalse(seen.contains(id), "forgotten " + id);
        for (long id = 151; id <= 250; id++) assertTrue(seen.contains(id), "kept " + id);
        assertTrue(seen.isReplay(150), "below the window");
        assertTrue(seen.isReplay(200), "seen");
        assertFalse(seen.isReplay(251), "new");
        seen.clear();
        assertFalse(seen.isReplay(200));
        for (long id = 1; id <= 300; id++) seen.add(id);
        assertTrue(seen.contains(300) && seen.contains(201) && !seen.contains(200));
    }
}
