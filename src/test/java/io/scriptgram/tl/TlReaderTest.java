package io.scriptgram.tl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The reader's short paths (short strings, the one-read padding check) accept and refuse what the long ones do. */
class TlReaderTest {
    private static byte[] string(String s) {
        return new TlWriter().writeString(s).toByteArray();
    }

    @Test
    void shortStringsReadBackWhole() {
        for (String s : new String[] {"", "a", "\0", "~", "ab", "é", "abc", "abcd", "abcdefg"}) {
            TlReader r = new TlReader(string(s));
            assertEquals(s, r.readString());
            assertEquals(0, r.remaining(), s);
        }
    }

    @Test
    void aLoneNonAsciiByteIsNotAString() {
        byte[] data = {1, (byte) 0x80, 0, 0};
        TlException e = assertThrows(TlException.class, () -> new TlReader(data).readString());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    /** Every padding byte of every padding length is checked, and the error names the first one that is not zero. */
    @Test
    void eachNonZeroPaddingByteIsRefusedAtItsOffset() {
        for (int len = 0; len < 8; len++) {
            byte[] clean = new TlWriter().writeBytes(new byte[len]).toByteArray();
            int dataEnd = 1 + len;
            assertArrayEquals(new byte[len], new TlReader(clean).readBytes());
            for (int at = dataEnd; at < clean.length; at++) {
                byte[] dirty = clean.clone();
                dirty[at] = 1;
                TlException e = assertThrows(TlException.class, () -> new TlReader(dirty).readBytes());
                assertTrue(e.getMessage().contains("padding is not zero"), e.getMessage());
                assertEquals(at, e.offset(), e.getMessage());
            }
        }
    }

    @Test
    void theLongLengthFormIsCheckedToo() {
        byte[] data = new TlWriter().writeBytes(new byte[300]).toByteArray(); // 4 + 300 = 304: no padding
        assertEquals(300, new TlReader(data).readBytes().length);
        byte[] padded = new TlWriter().writeBytes(new byte[301]).toByteArray(); // 4 + 301, 3 bytes of padding
        padded[padded.length - 1] = 7;
        assertThrows(TlException.class, () -> new TlReader(padded).readBytes());
        byte[] truncated = Arrays.copyOf(padded, padded.length - 4);
        TlException e = assertThrows(TlException.class, () -> new TlReader(truncated).readBytes());
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }
}
