package io.scriptgram.session;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Every string format, read from strings the libraries themselves wrote (with the auth key 00 01 02 … ff), written
 * back, and told apart from each other and from garbage.
 */
class SessionStringsTest {
    static final byte[] KEY = new byte[256];

    static {
        for (int i = 0; i < 256; i++) KEY[i] = (byte) i;
    }

    // Written by Telethon 1.25.1 (Debian python3-telethon): StringSession with set_dc(2, '149.154.167.51', 443) and
    // set_dc(4, '2001:67c:4e8:f004::a', 443), auth key bytes(range(256)).
    static final String TELETHON =
            "1ApWapzMBuwABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3"
                    + "ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ent8fX5_gIGCg4SFhoeI"
                    + "iYqLjI2Oj5CRkpOUlZaXmJmam5ydnp-goaKjpKWmp6ipqqusra6vsLGys7S1tre4ubq7vL2-v8DBwsPExcbHyMnKy8zNzs_Q0dLT1NXW19jZ"
                    + "2tvc3d7f4OHi4-Tl5ufo6err7O3u7_Dx8vP09fb3-Pn6-_z9_v8=";
    static final String TELETHON_V6 =
            "1BCABBnwE6PAEAAAAAAAAAAoBuwABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJico"
                    + "KSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5"
                    + "ent8fX5_gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp-goaKjpKWmp6ipqqusra6vsLGys7S1tre4ubq7vL2-v8DBwsPExcbHyMnK"
                    + "y8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5ufo6err7O3u7_Dx8vP09fb3-Pn6-_z9_v8=";
    // Written by GramJS 2.26.22 (npm telegram): StringSession.save() after setDC(2, '149.154.167.51', 443) and
    // setDC(1, '127.0.0.1', 30123).
    static final String GRAMJS = "1AgAOMTQ5LjE1NC4xNjcuNTEBuwABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKS"
            + "orLC0uLzAxMjM0NTY3ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ent8"
            + "fX5/gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp+goaKjpKWmp6ipqqusra6vsLGys7S1tre4ubq7vL2+v8DBwsPExcbHyMnKy8zN"
            + "zs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5ufo6err7O3u7/Dx8vP09fb3+Pn6+/z9/v8=";
    static final String GRAMJS_LOCAL = "1AQAJMTI3LjAuMC4xdasAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKy"
            + "wtLi8wMTIzNDU2Nzg5Ojs8PT4/QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+"
            + "f4CBgoOEhYaHiImKi4yNjo+QkZKTlJWWl5iZmpucnZ6foKGio6SlpqeoqaqrrK2ur7CxsrO0tba3uLm6u7y9vr/AwcLDxMXGx8jJysvMzc7P0NHS"
            + "09TV1tfY2drb3N3e3+Dh4uPk5ebn6Onq6+zt7u/w8fLz9PX29/j5+vv8/f7/";
    // Written by mtcute 0.28.2 (npm @mtcute/core): writeStringSession version 3, DC 2 149.154.167.51:443, self user
    // 123456789 (not a bot); and the same DC in test mode, given as a separate media DC, without self.
    static final String MTCUTE = "AwEAAAAXAgIADjE0OS4xNTQuMTY3LjUxALsBAAAVzVsHAAAAADeXebz-AAEAAAECAwQFBgcICQoLDA0ODxAR"
            + "EhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFi"
            + "Y2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn-AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq-wsbKz"
            + "tLW2t7i5uru8vb6_wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t_g4eLj5OXm5-jp6uvs7e7v8PHy8_T19vf4-fr7_P3-_w";
    static final String MTCUTE_TEST = "AwQAAAAXAgIEDjE0OS4xNTQuMTY3LjUxALsBAAAXAgIEDjE0OS4xNTQuMTY3LjUxALsBAAD-AAEAAAEC"
            + "AwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-P0BBQkNERUZHSElKS0xNTk9QUVJT"
            + "VFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn-AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOk"
            + "paanqKmqq6ytrq-wsbKztLW2t7i5uru8vb6_wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t_g4eLj5OXm5-jp6uvs7e7v8PHy8_T1"
            + "9vf4-fr7_P3-_w";

    @Test
    void telethonStringsAreReadWithTheirAddress() {
        PortableSession s = Sessions.parse(TELETHON);
        assertEquals(SessionFormat.TELETHON, s.format());
        assertEquals(2, s.dcId());
        assertEquals("149.154.167.51", s.host());
        assertEquals(443, s.port());
        assertArrayEquals(KEY, s.authKey());
        PortableSession v6 = Sessions.parse(TELETHON_V6);
        assertEquals(4, v6.dcId());
        assertEquals("2001:67c:4e8:f004:0:0:0:a", v6.host());
        assertEquals(TELETHON, Sessions.write(s, SessionFormat.TELETHON), "written back byte for byte");
        assertEquals(TELETHON_V6, Sessions.write(v6, SessionFormat.TELETHON));
    }

    @Test
    void gramJsStringsAreReadAndWrittenAsGramJsDoes() {
        PortableSession s = Sessions.parse(GRAMJS);
        assertEquals(SessionFormat.GRAMJS, s.format());
        assertEquals(2, s.dcId());
        assertEquals("149.154.167.51", s.host());
        assertEquals(443, s.port());
        assertArrayEquals(KEY, s.authKey());
        PortableSession local = Sessions.parse(GRAMJS_LOCAL);
        assertEquals("127.0.0.1", local.host());
        assertEquals(30123, local.port());
        assertEquals(GRAMJS, Sessions.write(s, SessionFormat.GRAMJS));
        assertEquals(GRAMJS_LOCAL, Sessions.write(local, SessionFormat.GRAMJS));
    }

    @Test
    void aPortGramJsCannotExpressIsRefusedWithTheReason() {
        PortableSession s = PortableSession.of(SessionFormat.OURS, 1, "127.0.0.1", 40000, false, KEY, 5L, false);
        SessionFormatException e =
                assertThrows(SessionFormatException.class, () -> Sessions.write(s, SessionFormat.GRAMJS));
        assertTrue(e.getMessage().contains("signed 16-bit"), e.getMessage());
    }

    @Test
    void mtcuteStringsAreReadWithSelfAndTestMode() {
        PortableSession s = Sessions.parse(MTCUTE);
        assertEquals(SessionFormat.MTCUTE, s.format());
        assertEquals(2, s.dcId());
        assertEquals("149.154.167.51", s.host());
        assertEquals(443, s.port());
        assertEquals(123456789L, s.userId());
        assertEquals(false, s.bot());
        assertFalse(s.test());
        assertArrayEquals(KEY, s.authKey());
        PortableSession t = Sessions.parse(MTCUTE_TEST);
        assertTrue(t.test());
        assertNull(t.userId());
        assertEquals(MTCUTE, Sessions.write(s, SessionFormat.MTCUTE), "written back as mtcute wrote it");
    }

    @Test
    void everyPublishedPyrogramLayoutIsRead() {
        // 2.x >BI?256sQ?
        ByteBuffer v2 = ByteBuffer.allocate(271);
        v2.put((byte) 4)
                .putInt(12345)
                .put((byte) 0)
                .put(KEY)
                .putLong(5_000_000_001L)
                .put((byte) 1);
        PortableSession a = Sessions.parse(urlNoPad(v2.array()));
        assertEquals(SessionFormat.PYROGRAM, a.format());
        assertEquals(4, a.dcId());
        assertEquals(12345, a.apiId());
        assertEquals(5_000_000_001L, a.userId());
        assertTrue(a.bot());
        assertNull(a.host(), "Pyrogram records no address");
        assertEquals("2.x", Sessions.pyrogramVersion(urlNoPad(v2.array())));
        // 1.x with 64-bit ids >B?256sQ?
        ByteBuffer v164 = ByteBuffer.allocate(267);
        v164.put((byte) 2).put((byte) 1).put(KEY).putLong(6_000_000_002L).put((byte) 0);
        PortableSession b = Sessions.parse(urlNoPad(v164.array()));
        assertEquals(6_000_000_002L, b.userId());
        assertTrue(b.test());
        assertFalse(b.bot());
        // 1.x >B?256sI?
        ByteBuffer v1 = ByteBuffer.allocate(263);
        v1.put((byte) 5).put((byte) 0).put(KEY).putInt(777_000_111).put((byte) 0);
        PortableSession c = Sessions.parse(urlNoPad(v1.array()));
        assertEquals(5, c.dcId());
        assertEquals(777_000_111L, c.userId());
        // 0.x ':' + <B?q?256s
        ByteBuffer v0 = ByteBuffer.allocate(267).order(ByteOrder.LITTLE_ENDIAN);
        v0.put((byte) 1).put((byte) 0).putLong(424242L).put((byte) 0).put(KEY);
        PortableSession d = Sessions.parse(":" + urlNoPad(v0.array()));
        assertEquals(1, d.dcId());
        assertEquals(424242L, d.userId());
        assertArrayEquals(KEY, d.authKey());
        for (PortableSession p : new PortableSession[] {a, b, c, d}) assertArrayEquals(KEY, p.authKey());
    }

    @Test
    void pyrogramExportIsTheCurrentLayoutAndPublishedAddressesFillItsGap() {
        PortableSession s = new PortableSession(
                SessionFormat.OURS, 4, "149.154.167.91", 443, false, KEY, 99L, false, 7, null, null, null);
        String text = Sessions.write(s, SessionFormat.PYROGRAM);
        assertEquals("2.x", Sessions.pyrogramVersion(text));
        PortableSession back = Sessions.parse(text);
        assertEquals(99L, back.userId());
        assertEquals(7, back.apiId());
        assertEquals("149.154.167.91", KnownDcs.withAddress(back).host());
    }

    @Test
    void ourStringRoundTripsExactly() {
        PortableSession s = new PortableSession(
                SessionFormat.OURS, 3, "127.0.0.1", 40123, true, KEY, 1234567890123L, true, null, null, null, null);
        String text = Sessions.write(s, SessionFormat.OURS);
        assertTrue(text.startsWith("sg1:"));
        assertEquals(s, Sessions.parse(text));
        PortableSession noUser = PortableSession.of(SessionFormat.OURS, 1, "localhost", 443, false, KEY, null, null);
        assertEquals(noUser, Sessions.parse(Sessions.write(noUser, SessionFormat.OURS)));
    }

    @Test
    void aCorruptedOrTruncatedOurStringIsCalledSo() {
        String text = Sessions.write(
                PortableSession.of(SessionFormat.OURS, 2, "149.154.167.51", 443, false, KEY, 1L, false),
                SessionFormat.OURS);
        char[] chars = text.toCharArray();
        chars[40] = chars[40] == 'A' ? 'B' : 'A';
        SessionFormatException bad =
                assertThrows(SessionFormatException.class, () -> Sessions.parse(new String(chars)));
        assertTrue(bad.getMessage().contains("checksum"), bad.getMessage());
        SessionFormatException cut =
                assertThrows(SessionFormatException.class, () -> Sessions.parse(text.substring(0, text.length() - 30)));
        assertTrue(cut.getMessage().contains("Scriptgram session string: "), cut.getMessage());
    }

    @Test
    void truncatedForeignStringsFailWithOneLineThatNeverRepeatsTheString() {
        for (String s : new String[] {
            TELETHON.substring(0, 200), GRAMJS.substring(0, 300), MTCUTE.substring(0, 100), "hello world", "1", "AAAA"
        }) {
            SessionFormatException e = assertThrows(SessionFormatException.class, () -> Sessions.parse(s), s);
            assertTrue(e.getMessage().startsWith("no known session format matched"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
            if (s.length() > 8) assertFalse(e.getMessage().contains(s.substring(1, 9)), "the string is not repeated");
        }
    }

    @Test
    void anAllZeroKeyIsNotASession() {
        ByteBuffer v1 = ByteBuffer.allocate(263);
        v1.put((byte) 2).put((byte) 0).put(new byte[256]).putInt(1).put((byte) 0);
        SessionFormatException e =
                assertThrows(SessionFormatException.class, () -> Sessions.parse(urlNoPad(v1.array())));
        assertTrue(e.getMessage().contains("not logged in"), e.getMessage());
    }

    @Test
    void theSessionNeverPrintsItsKey() {
        PortableSession s = Sessions.parse(MTCUTE);
        String shown = s.toString();
        assertFalse(shown.contains("AAECAwQF"));
        assertFalse(shown.toLowerCase().contains("000102030405"));
        assertTrue(shown.contains("DC 2"), shown);
    }

    private static String urlNoPad(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
