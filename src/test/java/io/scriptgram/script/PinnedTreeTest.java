package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The open after the real-path check: a step swapped for a link in between makes it fail, never lead elsewhere. */
class PinnedTreeTest {
    @TempDir
    Path dir;

    @Test
    void aStepSwappedForALinkAfterThePathWasResolvedIsRefused() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("mod.mjs"), "SECRET");
        Path plugin = Files.createDirectories(dir.resolve("plugins/evil/sub"));
        Files.writeString(plugin.resolve("mod.mjs"), "mine");
        PinnedTree tree = PinnedTree.of(dir.resolve("plugins/evil"));
        Path real = tree.real.resolve("sub/mod.mjs"); // resolved and checked: inside

        assertEquals(4, tree.attributes(real).size());
        Files.move(plugin, dir.resolve("moved"));
        Files.createSymbolicLink(plugin, data); // now sub -> data, and data/mod.mjs exists

        assertThrows(PinnedTree.Moved.class, () -> tree.read(real));
        assertThrows(PinnedTree.Moved.class, () -> tree.attributes(real));
        assertThrows(PinnedTree.Moved.class, () -> tree.list(real.getParent()));

        Files.delete(plugin);
        Files.move(dir.resolve("moved"), plugin);
        Files.delete(plugin.resolve("mod.mjs"));
        Files.createSymbolicLink(plugin.resolve("mod.mjs"), data.resolve("mod.mjs")); // the file itself a link
        assertThrows(PinnedTree.Moved.class, () -> tree.read(real));
    }
}
