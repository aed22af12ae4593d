package io.scriptgram.tl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reader's own UTF-8 decoder accepts exactly what the JDK's strict decoder accepts, with the same text: anything it
 * let through that the JDK refuses would not write back as the same bytes.
 */
class TlReaderUtf8Test {
    /** The string as the wire has it: the raw bytes behind a short length prefix, zero-padded. */
    private static byte[] wire(byte[] utf8) {
        return new TlWriter().writeBytes(utf8).toByteArray();
    }

    private static String jdk(byte[] utf8) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
    }

    private static void sameAsJdk(byte[] utf8) {
        String expected;
        try {
            expected = jdk(utf8);
        } catch (CharacterCodingException e) {
            TlException refused = assertThrows(
                    TlException.class, () -> new TlReader(wire(utf8)).readString(), () -> Arrays.toString(utf8));
            assertTrue(refused.getMessage().contains("not valid UTF-8"), refused.getMessage());
            return;
        }
        assertEquals(expected, new TlReader(wire(utf8)).readString(), () -> Arrays.toString(utf8));
    }

    @Test
    void everyCodePointReadsBack() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) continue;
            all.appendCodePoint(cp);
            if (all.length() > 4000 || cp == Character.MAX_CODE_POINT) {
                String s = "prefix " + all;
                assertEquals(s, new TlReader(new TlWriter().writeString(s).toByteArray()).readString());
                all.setLength(0);
            }
        }
    }

    /** The edges of each sequence length, the overlong forms, surrogates and what lies past U+10FFFF. */
    @Test
    void edgeSequencesAreJudgedAsTheJdkJudgesThem() {
        int[][] cases = {
            {0xC0, 0x80},
            {0xC1, 0xBF},
            {0xC2, 0x80},
            {0xDF, 0xBF},
            {0xE0, 0x80, 0x80},
            {0xE0, 0x9F, 0xBF},
            {0xE0, 0xA0, 0x80},
            {0xED, 0x9F, 0xBF},
            {0xED, 0xA0, 0x80},
            {0xED, 0xBF, 0xBF},
            {0xEF, 0xBF, 0xBD},
            {0xEF, 0xBF, 0xBF},
            {0xF0, 0x8F, 0xBF, 0xBF},
            {0xF0, 0x90, 0x80, 0x80},
            {0xF4, 0x8F, 0xBF, 0xBF},
            {0xF4, 0x90, 0x80, 0x80},
            {0xF5, 0x80, 0x80, 0x80},
            {0xFF},
            {0x80},
            {0xBF},
            {0xC2},
            {0xE0, 0xA0},
            {0xF0, 0x90, 0x80},
            {0xC2, 0x41},
            {0xE1, 0x80, 0x41},
            {0xF1, 0x80, 0x80, 0x41},
            {0x41, 0xC2, 0x80, 0x80},
        };
        for (int[] c : cases) {
            for (String around : new String[] {"", "ascii text ", "ß"}) {
                byte[] head = around.getBytes(StandardCharsets.UTF_8);
                byte[] utf8 = Arrays.copyOf(head, head.length + c.length);
                for (int i = 0; i < c.length; i++) utf8[head.length + i] = (byte) c[i];
                sameAsJdk(utf8);
            }
        }
    }

    /** Random bytes, mostly near-UTF-8 (leads, continuations, ASCII), at lengths across the eight-byte ASCII steps. */
    @Test
    void randomBytesAreJudgedAsTheJdkJudgesThem() {
        SplittableRandom r = new SplittableRandom(15);
        int[] pool = {0x41, 0x7F, 0x80, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xA0, 0x90, 0x8F, 0x9F};
        for (int n = 0; n < 20_000; n++) {
            byte[] utf8 = new byte[2 + r.nextInt(40)];
            for (int i = 0; i < utf8.length; i++)
                utf8[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : pool[r.nextInt(pool.length)]);
            sameAsJdk(utf8);
        }
    }
}
