package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ALICE;
import static io.scriptgram.sandbox.SandboxHarness.BOB;
import static io.scriptgram.sandbox.SandboxHarness.ME;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    @Test
    void sessionsOnSeveralThreadsGetDistinctPts() throws Exception {
        SandboxHarness h = new SandboxHarness();
        int before = h.world.pts(ME);
        Set<Integer> pts = new TreeSet<>();
        AtomicLong randomIds = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            CallContext session = h.as(ME);
            long to = t % 2 == 0 ? ALICE : BOB;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        TlObject r = (TlObject) h.handlers.call(
                                session,
                                SandboxHarness.tl(
                                        "messages.sendMessage",
                                        "peer",
                                        h.inputPeerUser(to),
                                        "message",
                                        "m" + i,
                                        "random_id",
                                        randomIds.incrementAndGet()));
                        synchronized (pts) {
                            pts.add(r.getInt("pts"));
                        }
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }));
        }
        for (Thread t : threads) t.join();
        assertEquals(List.of(), errors);
        assertEquals(200, pts.size(), "every send got its own pts");
        assertEquals(before + 200, h.world.pts(ME));
        assertEquals(before + 200, ((TreeSet<Integer>) pts).last());
    }
}
