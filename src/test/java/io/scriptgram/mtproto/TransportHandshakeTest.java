package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.transport.Frame;
import io.scriptgram.transport.Transport;
import io.scriptgram.transport.TransportDetector;
import io.scriptgram.transport.TransportKind;
import io.scriptgram.transport.TransportOptions;
import io.scriptgram.transport.Transports;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The whole exchange as plain messages through every transport (obfuscated or not), in memory: the client codec's bytes
 * are fed to a detected server codec and back, in small uneven chunks.
 */
class TransportHandshakeTest {

    record Variant(TransportKind kind, boolean obfuscated) {}

    static List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        for (TransportKind k : TransportKind.values()) {
            v.add(new Variant(k, false));
            if (k.canBeObfuscated()) v.add(new Variant(k, true));
        }
        return v;
    }

    @Test
    void everyTransportCarriesTheExchange() {
        List<Variant> variants = variants();
        assertTrue(variants.size() >= 7, "expected every transport kind, got " + variants);
        long seed = 100;
        for (Variant v : variants) {
            TransportOptions options = TransportOptions.defaults().withRandom(new SplittableRandom(seed));
            Transport clientCodec = v.obfuscated()
                    ? Transports.obfuscatedClient(v.kind(), 2, options)
                    : Transports.client(v.kind(), options);
            AuthKeyExchangeClient client = Exchanges.client(seed);
            AuthKeyExchangeServer server = Exchanges.server(seed + 1);
            Wire wire = new Wire(
                    clientCodec,
                    Transports.detector(TransportOptions.defaults().withRandom(new SplittableRandom(seed + 2))));

            long[] now = {1_700_000_000_000L};
            MsgId clientIds = new MsgId(() -> now[0]), serverIds = new MsgId(() -> now[0]);
            TlObject request = client.start();
            KeyExchangeStep step;
            do {
                long clientMsgId = clientIds.next(MsgId.Kind.CLIENT);
                PlainMessage atServer = PlainMessage.decode(
                        wire.toServer(new PlainMessage(clientMsgId, TlCodec.encode(request)).encode()));
                assertEquals(clientMsgId, atServer.msgId());
                TlObject answer = server.receive(Exchanges.CODEC.decode(atServer.body()));
                long serverMsgId = serverIds.next(MsgId.Kind.SERVER_RESPONSE);
                PlainMessage atClient = PlainMessage.decode(
                        wire.toClient(new PlainMessage(serverMsgId, TlCodec.encode(answer)).encode()));
                step = client.receive(Exchanges.CODEC.decode(atClient.body()));
                if (step instanceof KeyExchangeStep.Send s) request = s.request();
                now[0] += 7;
            } while (step instanceof KeyExchangeStep.Send);
            KeyExchangeStep.Done done = assertInstanceOf(KeyExchangeStep.Done.class, step, v.toString());
            assertEquals(server.result().authKey(), done.result().authKey(), v.toString());
            assertEquals(server.result().firstSalt(), done.result().firstSalt(), v.toString());
            assertEquals(v.obfuscated(), wire.server.obfuscated(), v.toString());
            assertEquals(v.kind(), wire.server.kind(), v.toString());
            seed += 10;
        }
    }

    /** Both directions of one in-memory connection. */
    static final class Wire {
        final Transport client;
        final TransportDetector detector;
        Transport server;
        boolean started;
        final SplittableRandom chunks = new SplittableRandom(5);

        Wire(Transport client, TransportDetector detector) {
            this.client = client;
            this.detector = detector;
        }

        byte[] toServer(byte[] payload) {
            byte[] head = new byte[0];
            if (!started) {
                head = client.start(); // the tag or obfuscation header goes before the first frame
                started = true;
            }
            return deliver(concat(head, client.encode(payload)), true);
        }

        byte[] toClient(byte[] payload) {
            return deliver(server.encode(payload), false);
        }

        private byte[] deliver(byte[] bytes, boolean toServer) {
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, 1 + chunks.nextInt(40));
                if (toServer) {
                    if (server == null) {
                        server = detector.feed(bytes, at, n);
                        if (server != null) server.start();
                    } else {
                        server.feed(bytes, at, n);
                    }
                } else {
                    client.feed(bytes, at, n);
                }
                at += n;
            }
            Transport receiver = toServer ? server : client;
            assertNotNull(receiver, "server transport not detected");
            Frame f = receiver.next();
            Frame.Packet p = assertInstanceOf(Frame.Packet.class, f);
            return p.payload();
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] r = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, r, a.length, b.length);
            return r;
        }
    }
}
