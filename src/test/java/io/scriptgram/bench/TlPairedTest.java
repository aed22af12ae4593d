package io.scriptgram.bench;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlPairedTest {
    private static byte[] payload() {
        return TlCodec.encode(TlFixtures.messagesMessages(TlSchema.bundled(), 1));
    }

    @Test
    void aBuildPairedWithItselfDecodesAndEncodesTheSameWork() throws Exception {
        Path build = TlPaired.currentBuild();
        var out = TlPaired.run(build, build, payload(), 2, 1, 20);
        assertEquals(2.0, out.get("paired_pairs"));
        for (String op : new String[] {"decode", "encode"}) {
            assertTrue(out.get("paired_" + op + "_ratio") > 0, op);
            assertTrue(out.get("paired_" + op + "_ratio_min") <= out.get("paired_" + op + "_ratio_max"), op);
            assertTrue(out.get("paired_" + op + "_base_mb_s") > 0, op);
        }
        // Allocation is counted per thread, so it is the same for the same code whatever the machine is doing.
        double alloc = out.get("paired_decode_alloc_bytes");
        assertTrue(alloc > payload().length, "a decode allocates at least its strings and objects: " + alloc);
        assertEquals(alloc, out.get("paired_decode_base_alloc_bytes"), alloc * 0.01);
    }

    @Test
    void aBaseThatIsNotABuildIsNamedInTheError(@TempDir Path empty) {
        String before = System.getProperty(TlPaired.BASE_PROPERTY);
        System.setProperty(TlPaired.BASE_PROPERTY, empty.toString());
        try {
            var e = assertThrows(IllegalArgumentException.class, TlPaired::base);
            assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(TlPaired.BASE_PROPERTY), e.getMessage());
        } finally {
            if (before == null) System.clearProperty(TlPaired.BASE_PROPERTY);
            else System.setProperty(TlPaired.BASE_PROPERTY, before);
        }
    }
}
