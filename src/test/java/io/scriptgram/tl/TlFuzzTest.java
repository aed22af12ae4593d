package io.scriptgram.tl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Untrusted bytes into the decoder: a TlException or a value, never anything else; and a value only from its one
 * spelling, so what is accepted encodes back to the same bytes.
 */
class TlFuzzTest {
    private final TlSchema schema = TlSchema.bundled();
    private final TlCodec codec = new TlCodec(schema);
    private final List<TlConstructor> constructors =
            schema.all().stream().filter(TlConstructor::hasId).toList();

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
        for (int i = 0; i < 20_000; i++) {
            TlConstructor c = constructors.get(random.nextInt(constructors.size()));
            byte[] data = mutate(TlCodec.encode(samples.sample(c, random.nextBoolean())), random);
            decodeOrTlException(data, c.name() + " iteration " + i);
        }
    }

    /**
     * What the decoder accepts it accepts in one spelling only: decoding and encoding again gives back the very bytes
     * read. Otherwise two different packets mean the same thing, and garbage (stray flag bits, padding that is not
     * zero, a long length form for a short string) passes unseen. gzip_packed is the one allowed re-spelling; mutations
     * do not produce it.
     */
    @Test
    void whateverTheDecoderAcceptsReEncodesToTheSameBytes() {
        SplittableRandom random = new SplittableRandom(13);
        TlSamples samples = new TlSamples(schema, 17);
        int accepted = 0;
        int mutatedAccepted = 0;
        // A sample gzip_packed holds random bytes, not gzip: the decoder rightly refuses it.
        List<TlConstructor> plain =
                constructors.stream().filter(c -> c.id() != TlCodec.GZIP_PACKED).toList();
        for (int i = 0; i < 20_000; i++) {
            TlConstructor c = plain.get(random.nextInt(plain.size()));
            byte[] valid = TlCodec.encode(samples.sample(c, random.nextBoolean()));
            boolean mutate = random.nextInt(4) != 0;
            byte[] data = mutate ? mutate(valid, random) : valid;
            TlObject decoded;
            try {
                decoded = codec.decode(data);
            } catch (TlException refused) {
                assertTrue(mutate, c.name() + ": its own encoding is refused: " + refused.getMessage());
                continue;
            }
            accepted++;
            if (mutate && !Arrays.equals(data, valid)) mutatedAccepted++;
            byte[] again = TlCodec.encode(decoded);
            if (!Arrays.equals(data, again)) {
                fail(c.name() + " iteration " + i + ": accepted "
                        + HexFormat.of().formatHex(data)
                        + "\nbut it encodes back as " + HexFormat.of().formatHex(again)
                        + "\nfirst difference at byte " + Arrays.mismatch(data, again) + "; decoded: " + decoded);
            }
        }
        assertTrue(accepted > 5_000, "valid encodings were accepted: " + accepted);
        assertTrue(mutatedAccepted > 100, "some mutated inputs were accepted and checked: " + mutatedAccepted);
    }

    @Test
    void theOneSpellingRuleHoldsForEachKnownRespelling() {
        int jsonString = schema.require("jsonString").id();
        // "hi" with padding that is not zero
        byte[] dirtyPadding = new TlWriter()
                .writeInt(jsonString)
                .writeRaw(new byte[] {2, 'h', 'i', 7})
                .toByteArray();
        assertRefused(dirtyPadding, "padding");
        // "hi" with the 4-byte length form, which is only for 254 bytes and more
        byte[] longForm = new TlWriter()
                .writeInt(jsonString)
                .writeInt(0xFE | 2 << 8)
                .writeRaw(new byte[] {'h', 'i', 0, 0})
                .toByteArray();
        assertRefused(longForm, "length");
        // bytes that are not UTF-8 in a string (0xC3 starts a two-byte sequence that never comes)
        byte[] notUtf8 = new TlWriter()
                .writeInt(jsonString)
                .writeBytes(new byte[] {'h', (byte) 0xC3, 'i'})
                .toByteArray();
        assertRefused(notUtf8, "UTF-8");
        // U+FFFD itself is text like any other
        assertEquals(
                "a\uFFFDb",
                codec.decode(new TlWriter()
                                .writeInt(jsonString)
                                .writeString("a\uFFFDb")
                                .toByteArray())
                        .getString("value"));
        // a trailing word after a whole object
        byte[] trailing = new TlWriter()
                .writeInt(jsonString)
                .writeString("hi")
                .writeInt(0)
                .toByteArray();
        assertRefused(trailing, "bytes left");
        // a flags bit that no field of the constructor uses
        TlObject dc = TlObject.of(schema, "dcOption", Map.of("id", 2, "ip_address", "127.0.0.1", "port", 443));
        byte[] bytes = TlCodec.encode(dc);
        bytes[4] |= (byte) 0x80;
        assertRefused(bytes, "flags");
    }

    private void assertRefused(byte[] data, String what) {
        TlException e = assertThrows(
                TlException.class,
                () -> codec.decode(data),
                () -> "accepted " + HexFormat.of().formatHex(data) + " as " + codec.decode(data));
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    private static byte[] mutate(byte[] valid, SplittableRandom random) {
        byte[] data = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> data = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            case 1 -> {
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    data[random.nextInt(data.length)] = (byte) random.nextInt();
                }
            }
            case 2 -> { // plant a large or negative length/count
                if (data.length >= 8) {
                    int at = 4 + random.nextInt(data.length - 7) & ~3;
                    int v = random.nextBoolean() ? -random.nextInt(1 << 30) : Integer.MAX_VALUE - random.nextInt(100);
                    data[at] = (byte) v;
                    data[at + 1] = (byte) (v >> 8);
                    data[at + 2] = (byte) (v >> 16);
                    data[at + 3] = (byte) (v >> 24);
                }
            }
            default -> {
                data = new byte[random.nextInt(64)];
                random.nextBytes(data);
            }
        }
        return data;
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
        byte[] neg = new TlWriter()
                .writeInt(msgsAck)
                .writeInt(TlCodec.VECTOR_ID)
                .writeInt(-1)
                .toByteArray();
        assertTrue(assertThrows(TlException.class, () -> codec.decode(neg))
                .getMessage()
                .contains("vector count -1"));
        byte[] huge = new TlWriter()
                .writeInt(msgsAck)
                .writeInt(TlCodec.VECTOR_ID)
                .writeInt(1 << 30)
                .writeLong(1)
                .toByteArray();
        assertTrue(assertThrows(TlException.class, () -> codec.decode(huge))
                .getMessage()
                .contains("impossible"));
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
        byte[] packet =
                new TlWriter().writeInt(TlCodec.GZIP_PACKED).writeBytes(bomb).toByteArray();
        TlException e = assertThrows(TlException.class, () -> codec.decode(packet));
        assertTrue(e.getMessage().contains("inflates beyond"), e.getMessage());
    }

    @Test
    void unknownIdsAndTypeMismatchesNameWhatWasBeingRead() {
        byte[] unknown = new TlWriter().writeInt(0x12345678).toByteArray();
        assertTrue(assertThrows(TlException.class, () -> codec.decode(unknown))
                .getMessage()
                .contains("unknown constructor id 0x12345678"));
        // inputPeerUser where messages.sendMessage.peer expects InputPeer is fine; userEmpty is not.
        TlObject ok = TlObject.of(
                schema,
                "messages.sendMessage",
                Map.of("peer", Map.of("_", "inputPeerSelf"), "message", "m", "random_id", 1L));
        byte[] bytes = TlCodec.encode(ok);
        int at = 8; // id + flags
        byte[] bad = bytes.clone();
        int userEmpty = schema.require("userEmpty").id();
        bad[at] = (byte) userEmpty;
        bad[at + 1] = (byte) (userEmpty >> 8);
        bad[at + 2] = (byte) (userEmpty >> 16);
        bad[at + 3] = (byte) (userEmpty >> 24);
        String m = assertThrows(TlException.class, () -> codec.decode(bad)).getMessage();
        assertTrue(m.contains("messages.sendMessage.peer expects InputPeer, got userEmpty"), m);
    }
}
