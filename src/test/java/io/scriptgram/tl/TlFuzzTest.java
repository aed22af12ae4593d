package io.scriptgram.tl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Untrusted bytes into the decoder: a TlException or a value, never anything else. */
class TlFuzzTest {
    private final TlSchema schema = TlSchema.bundled();
    private final TlCodec codec = new TlCodec(schema);

    private void decodeOrTlException(byte[] data, String what) {
        try {
            codec.decode(data);
        } catch (TlException e) {
            assertNotNull(e.getMessage());
        } catch (Throwable t) {
            fail(what + ": " + t, t);
        }
    }

    @Test
    void mutatedAndTruncatedValidEncodingsNeverThrowAnythingElse() {
        SplittableRandom random = new SplittableRandom(7);
        TlSamples samples = new TlSamples(schema, 11);
        List<TlConstructor> all = new ArrayList<>(schema.all());
        all.removeIf(c -> !c.hasId());
        for (int i = 0; i < 20_000; i++) {
            TlConstructor c = all.get(random.nextInt(all.size()));
            byte[] valid = TlCodec.encode(samples.sample(c, random.nextBoolean()));
            byte[] data = valid.clone();
            switch (random.nextInt(4)) {
                case 0 -> data = java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1));
                case 1 -> { for (int k = 0; k < 1 + random.nextInt(4); k++) data[random.nextInt(data.length)] = (byte) random.nextInt(); }
                case 2 -> { // plant a large or negative length/count
                    if (data.length >= 8) {
                        int at = 4 + random.nextInt(data.length - 7) & ~3;
                        int v = random.nextBoolean() ? -random.nextInt(1 << 30) : Integer.MAX_VALUE - random.nextInt(100);
                        data[at] = (byte) v; data[at + 1] = (byte) (v >> 8); data[at + 2] = (byte) (v >> 16); data[at + 3] = (byte) (v >> 24);
                    }
                }
                default -> { byte[] r = new byte[random.nextInt(64)]; random.nextBytes(r); data = r; }
            }
            decodeOrTlException(data, c.name() + " iteration " + i);
        }
    }

    @Test
    void aTwoGigabyteStringLengthInATwentyBytePacketIsRefusedWithItsOffset() {
        // userEmpty id:long is fine; use a constructor whose first field is a string: jsonString value:string
        TlWriter w = new TlWriter().writeInt(schema.require("jsonString").id()).writeInt(0x7FFFFFFE | 0xFE);
        w.writeRaw(new byte[12]);
        TlException e = assertThrows(TlException.class, () -> codec.decode(w.toByteArray()));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("(at byte 4)"));
    }

    @Test
    void negativeAndImpossibleVectorCountsAreRefused() {
        int msgsAck = schema.require("msgs_ack").id();
        byte[] neg = new TlWriter().writeInt(msgsAck).writeInt(TlCodec.VECTOR_ID).writeInt(-1).toByteArray();
        assertTrue(assertThrows(TlException.class, () -> codec.decode(neg)).getMessage().contains("vector count -1"));
        byte[] huge = new TlWriter().writeInt(msgsAck).writeInt(TlCodec.VECTOR_ID).writeInt(1 << 30).writeLong(1).toByteArray();
        assertTrue(assertThrows(TlException.class, () -> codec.decode(huge)).getMessage().contains("impossible"));
    }

    @Test
    void deepNestingIsCutOff() {
        // textBold text:RichText nests without limit; 5000 levels must end in a TlException, not a StackOverflowError.
        TlWriter w = new TlWriter();
        int bold = schema.require("textBold").id();
        for (int i = 0; i < 5000; i++) w.writeInt(bold);
        w.writeInt(schema.require("textEmpty").id());
        TlException e = assertThrows(TlException.class, () -> codec.decode(w.toByteArray()));
        assertTrue(e.getMessage().contains("nesting deeper than"), e.getMessage());
    }

    @Test
    void aGzipBombIsRefused() {
        byte[] zeros = new byte[Gzip.MAX_INFLATED + (1 << 20)];
        byte[] bomb = Gzip.pack(zeros);
        assertTrue(bomb.length * 200L < zeros.length, "the bomb is small: " + bomb.length);
        byte[] packet = new TlWriter().writeInt(TlCodec.GZIP_PACKED).writeBytes(bomb).toByteArray();
        TlException e = assertThrows(TlException.class, () -> codec.decode(packet));
        assertTrue(e.getMessage().contains("inflates beyond"), e.getMessage());
    }

    @Test
    void unknownIdsAndTypeMismatchesNameWhatWasBeingRead() {
        byte[] unknown = new TlWriter().writeInt(0x12345678).toByteArray();
        assertTrue(assertThrows(TlException.class, () -> codec.decode(unknown)).getMessage().contains("unknown constructor id 0x12345678"));
        // inputPeerUser where messages.sendMessage.peer expects InputPeer is fine; userEmpty is not.
        TlObject ok = TlObject.of(schema, "messages.sendMessage", Map.of("peer", Map.of("_", "inputPeerSelf"), "message", "m", "random_id", 1L));
        byte[] bytes = TlCodec.encode(ok);
        int at = 8; // id + flags
        byte[] bad = bytes.clone();
        int userEmpty = schema.require("userEmpty").id();
        bad[at] = (byte) userEmpty; bad[at + 1] = (byte) (userEmpty >> 8); bad[at + 2] = (byte) (userEmpty >> 16); bad[at + 3] = (byte) (userEmpty >> 24);
        String m = assertThrows(TlException.class, () -> codec.decode(bad)).getMessage();
        assertTrue(m.contains("messages.sendMessage.peer expects InputPeer, got userEmpty"), m);
    }
}
