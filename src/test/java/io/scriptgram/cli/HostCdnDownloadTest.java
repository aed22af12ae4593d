package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.sandbox.SandboxCdn;
import io.scriptgram.testing.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code files.download} from a script in the running host, of a document the sandbox's main DC sends to its CDN DC:
 * the script sees an ordinary download; the bytes come from the CDN DC. (Python: {@code ScriptCdnDownloadTest}, where
 * loading GraalPy on a busy machine does not meet the host's load deadline.)
 */
class HostCdnDownloadTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private RunningHost h;
    private SandboxCdn cdn;

    @BeforeEach
    void start() throws Exception {
        h = new RunningHost(dir);
        cdn = h.host.connection().localSandbox().world().cdn();
        cdn.serveFrom(0);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private byte[] input(String script, int size) throws Exception {
        byte[] data = new byte[size];
        new SplittableRandom(size).nextBytes(data);
        Path p = dir.resolve("data/files").resolve(script).resolve("in.bin");
        Files.createDirectories(p.getParent());
        Files.write(p, data);
        return data;
    }

    private void assertDownloaded(String script, byte[] data) throws Exception {
        assertTrue(
                RunningHost.waitFor(() -> h.stored(script, "done") != null, WAIT),
                "the script did not finish; it got to " + h.stored(script, "stage") + "; CDN parts "
                        + cdn.partsServed() + ", reuploads " + cdn.reuploads() + "; problems: "
                        + h.host.plugins().recentProblems());
        assertEquals("true", h.stored(script, "done"));
        assertArrayEquals(
                data,
                Files.readAllBytes(dir.resolve("data/files").resolve(script).resolve("out.bin")));
        assertTrue(cdn.partsServed() > 0, "the bytes came from the CDN DC");
    }

    @Test
    void jsDownloadsAFileTheMainDcSendsToTheCdn() throws Exception {
        byte[] data = input("cdnjs", 1_500_000);
        // The work runs after the top-level code has returned, so loading is not held up by the transfer.
        Files.writeString(h.scripts.resolve("cdnjs.js"), """
                (async () => {
                  storage.set('stage', 'upload');
                  const file = await files.upload('in.bin');
                  const sent = await messages.sendMedia({peer: 'me', message: '', media: {
                      _: 'inputMediaUploadedDocument', file, mime_type: 'application/octet-stream', attributes: []}});
                  const msg = sent.updates.find(u => u._ === 'updateNewMessage').message;
                  storage.set('stage', 'download');
                  await files.download(msg, 'out.bin');
                  storage.set('done', true);
                })().catch(e => storage.set('stage', 'failed: ' + e.message));
                """);
        assertDownloaded("cdnjs", data);
    }
}
