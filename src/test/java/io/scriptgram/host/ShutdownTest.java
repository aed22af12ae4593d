package io.scriptgram.host;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Stopping runs every step even when earlier ones fail, and reports each failure. */
class ShutdownTest {
    private static final Logger LOG = Logger.getLogger("test.shutdown");

    @Test
    void aFailingStepDoesNotSkipTheRest() {
        List<String> ran = new ArrayList<>();
        IOException io = new IOException("disk gone");
        Shutdown s = new Shutdown(LOG, "stopping")
                .step("plugins", () -> {
                    ran.add("plugins");
                    throw new IllegalStateException("unload hook hung");
                })
                .step("scripts", () -> ran.add("scripts"))
                .step("connection", () -> {
                    ran.add("connection");
                    throw io;
                })
                .step("status file", () -> ran.add("status file"));
        assertEquals(List.of("plugins", "scripts", "connection", "status file"), ran);
        IllegalStateException e = assertThrows(IllegalStateException.class, s::done);
        assertEquals("stopping: plugins (unload hook hung), connection (disk gone) failed", e.getMessage());
        assertSame(io, e.getCause().getSuppressed()[0]);
    }

    @Test
    void nothingFailedNothingThrown() {
        List<String> ran = new ArrayList<>();
        assertDoesNotThrow(new Shutdown(LOG, "stopping").step("a", () -> ran.add("a"))::done);
        assertEquals(List.of("a"), ran);
    }
}
