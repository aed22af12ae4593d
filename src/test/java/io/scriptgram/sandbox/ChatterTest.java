package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ME;
import static io.scriptgram.sandbox.SandboxHarness.SCHEMA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChatterTest {
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private static List<String> run(SandboxHarness h, long seed, int ticks) {
        Chatter c = new Chatter(h.world, SCHEMA, h.sink, new SplittableRandom(seed), Duration.ofSeconds(10));
        List<String> out = new ArrayList<>();
        assertNull(c.tick(T0), "the first tick starts the clock");
        for (int i = 1; i <= ticks; i++) {
            assertNull(c.tick(T0.plusSeconds(10L * i - 5)), "not due yet");
            SandboxMessage m = c.tick(T0.plusSeconds(10L * i));
            assertNotNull(m);
            out.add(m.peer().id() + ":" + m.text());
        }
        return out;
    }

    @Test
    void contactsTalkToTheAccountWithUpdates() {
        SandboxHarness h = new SandboxHarness();
        int before = h.world.pts(ME);
        List<String> said = run(h, 5, 6);
        assertEquals(before + 6, h.world.pts(ME));
        List<Long> contacts = h.world.contacts(ME);
        for (String s : said) assertTrue(contacts.contains(Long.parseLong(s.split(":")[0])), s);
        // Pushed to the account's sessions, caused by nobody's call.
        List<SandboxHarness.Pushed> toMe = h.pushedTo(ME);
        assertEquals(6, toMe.size());
        assertNull(toMe.get(0).origin());
        TlObject u = SandboxHarness.onlyUpdate(toMe.get(5).updates());
        assertEquals("updateNewMessage", u.name());
        assertEquals(before + 6, u.getInt("pts"));
        assertFalse(u.getObject("message").getBool("out"));
        // A client that missed them finds them in getDifference.
        TlObject diff = h.obj(h.as(ME), "updates.getDifference", "pts", before, "date", 0, "qts", 0);
        assertEquals(6, diff.getList("new_messages").size());
    }

    @Test
    void everyFewMessagesTheAccountTypesOnAnotherDevice() {
        SandboxHarness h = new SandboxHarness();
        Chatter c = new Chatter(h.world, SCHEMA, h.sink, new SplittableRandom(3), Duration.ofSeconds(10), 3);
        c.tick(T0);
        List<SandboxMessage> said = new ArrayList<>();
        for (int i = 1; i <= 6; i++) said.add(c.tick(T0.plusSeconds(10L * i)));
        for (int i = 0; i < 6; i++) {
            SandboxMessage m = said.get(i);
            boolean own = (i + 1) % 3 == 0;
            assertEquals(own, m.out(), "message " + i);
            if (own) {
                assertEquals(ME, m.peer().id(), "in Saved Messages");
                assertTrue(Chatter.OWN_LINES.contains(m.text()), m.text());
            }
        }
        // the account's own sessions get it as an outgoing message's update, caused by no call of theirs
        TlObject u = SandboxHarness.onlyUpdate(h.pushedTo(ME).get(2).updates());
        assertTrue(u.getObject("message").getBool("out"));
        assertNull(h.pushedTo(ME).get(2).origin());
    }

    @Test
    void sameSeedSameChatter() {
        assertEquals(run(new SandboxHarness(), 9, 8), run(new SandboxHarness(), 9, 8));
    }

    @Test
    void intervalMustBePositive() {
        SandboxHarness h = new SandboxHarness();
        assertThrows(
                IllegalArgumentException.class,
                () -> new Chatter(h.world, SCHEMA, h.sink, new SplittableRandom(1), Duration.ZERO));
    }
}
