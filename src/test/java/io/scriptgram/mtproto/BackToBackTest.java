package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client session and a server session back to back: thousands of requests, results and pushes through containers,
 * gzip, acks, salt changes and reconnects that lose everything in flight. Each request must be answered exactly once
 * and each push delivered exactly once.
 */
class BackToBackTest {
    static final int REQUEST = 0x0badf00d, RESULT = 0x0c0ffee0, UPDATE = 0x0defaced;

    @Test
    void tenThousandMessagesSurviveContainersGzipSaltChangesAndReconnects() {
        Pair p = new Pair(42);
        Map<Long, Long> requestOfHandle = new HashMap<>();
        Map<Long, Integer> answers = new HashMap<>();
        Map<Long, Integer> updates = new HashMap<>();
        int requests = 0, pushes = 0, saltChanges = 0, reconnects = 0, requestsSeenByServer = 0;
        long salt = Pair.SALT;
        final int total = 5000;

        for (int round = 0; requests < total || pushes < total; round++) {
            for (int i = 0; i < 1 + round % 60 && requests < total; i++, requests++) {
                int extra = requests % 9 == 0 ? 1500 : requests % 3; // some bodies big enough for gzip
                requestOfHandle.put(p.client.push(Pair.body(REQUEST, requests, extra)), (long) requests);
            }
            if (round % 37 == 36) {
                p.server.setSalt(++salt);
                saltChanges++;
            }
            if (round % 23 == 22) {
                // lose whatever the client wrote, then reconnect
                Pair.drop(p.client);
                reconnects++;
                p.client.onReconnect();
                p.server.onReconnect();
            }
            requestsSeenByServer += serve(p, p.toServer());
            if (round > 0) {
                for (int i = 0; i < 1 + (round * 7) % 50 && pushes < total; i++, pushes++) {
                    p.server.push(Pair.body(UPDATE, pushes, pushes % 11 == 0 ? 900 : 0));
                }
            }
            if (round % 29 == 28) {
                // the server answered and pushed, but the connection died before any of it arrived
                Pair.drop(p.server);
                reconnects++;
                p.client.onReconnect();
                p.server.onReconnect();
            }
            collect(p, p.toClient(), requestOfHandle, answers, updates);
            p.clock.advance(150);
        }
        for (int i = 0; i < 20 && (p.client.hasOutgoing() || p.server.hasOutgoing()); i++) {
            requestsSeenByServer += serve(p, p.toServer());
            collect(p, p.toClient(), requestOfHandle, answers, updates);
        }

        assertEquals(0, p.client.waitingRequests(), "requests left unanswered");
        assertEquals(total, answers.size(), "requests answered");
        answers.forEach((n, times) -> assertEquals(1, times, "answers to request " + n));
        assertEquals(total, updates.size(), "pushes delivered");
        updates.forEach((n, times) -> assertEquals(1, times, "deliveries of push " + n));
        assertTrue(requestsSeenByServer >= total, "the server saw every request at least once");
        assertTrue(saltChanges > 3 && reconnects > 10, "the run exercised salt changes and reconnects");
        assertTrue(p.server.dropped(DropReason.SALT) > 0, "old-salt packets were refused and resent");
        assertEquals(salt, p.client.salt(), "the client follows the server's salt");
        int messages = 3 * total;
        assertTrue(p.packets < messages / 4, p.packets + " packets for " + messages + " messages: containers in use");
        for (DropReason r : List.of(
                DropReason.MSG_KEY,
                DropReason.AUTH_KEY_ID,
                DropReason.MALFORMED,
                DropReason.MSG_ID_PARITY,
                DropReason.MSG_ID_TOO_OLD,
                DropReason.MSG_ID_TOO_NEW,
                DropReason.PADDING,
                DropReason.MESSAGE_LENGTH,
                DropReason.SESSION_ID,
                DropReason.NESTED_CONTAINER)) {
            assertEquals(0, p.client.dropped(r), "client drops for " + r);
            assertEquals(0, p.server.dropped(r), "server drops for " + r);
        }
    }

    /** The server's handler: every request is answered (every 17th with an error). */
    private static int serve(Pair p, List<SessionEvent> events) {
        int n = 0;
        for (SessionEvent e : events) {
            if (e instanceof SessionEvent.Request r) {
                long num = Pair.number(r.body());
                if (num % 17 == 0) p.server.replyError(r.msgId(), 400, "N_" + num);
                else p.server.reply(r.msgId(), Pair.body(RESULT, num, num % 5 == 0 ? 2000 : 4));
                n++;
            }
        }
        return n;
    }

    private static void collect(
            Pair p,
            List<SessionEvent> events,
            Map<Long, Long> requestOfHandle,
            Map<Long, Integer> answers,
            Map<Long, Integer> updates) {
        for (SessionEvent e : events) {
            switch (e) {
                case SessionEvent.Result r -> {
                    long n = requestOfHandle.get(r.requestId());
                    assertEquals(RESULT, Ints.id(r.body()));
                    assertEquals(n, Pair.number(r.body()), "result matches its request");
                    assertNotEquals(0, n % 17);
                    answers.merge(n, 1, Integer::sum);
                }
                case SessionEvent.Error err -> {
                    long n = requestOfHandle.get(err.requestId());
                    assertEquals(400, err.code());
                    assertEquals("N_" + n, err.message());
                    answers.merge(n, 1, Integer::sum);
                }
                case SessionEvent.Update u -> {
                    assertEquals(UPDATE, Ints.id(u.body()));
                    updates.merge(Pair.number(u.body()), 1, Integer::sum);
                }
                case SessionEvent.NewSession s -> {}
                default -> fail("unexpected event " + e);
            }
        }
    }
}
