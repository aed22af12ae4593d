package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * files.upload and files.download never reach outside the script's files folder through a link: not one created after
 * the script loaded, and not one another process swaps in while a transfer runs.
 */
class ScriptFilesLinksTest {
    private static final String SESSION = "SESSION-AUTH-KEY-0123";

    @TempDir
    Path dir;

    /** The account's transfers: the upload keeps what it read; the download lets the attacker act first. */
    private final class Transfers implements ScriptFiles {
        final List<String> uploaded = new CopyOnWriteArrayList<>();
        volatile Runnable whileDownloading = () -> {};

        @Override
        public CompletableFuture<TlObject> upload(InputStream in, long size, String name) {
            try (in) {
                uploaded.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.completedFuture(TlObject.of(
                    TlSchema.bundled(), "inputFile", Map.of("id", 1L, "parts", 1, "name", name, "md5_checksum", "")));
        }

        @Override
        public CompletableFuture<Path> download(TlObject media, Path target) {
            whileDownloading.run();
            try {
                Files.writeString(target, "DOWNLOADED"); // by path, as the real downloader writes
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return CompletableFuture.completedFuture(target);
        }
    }

    private static final String SCRIPT = """
            DOC = {'_': 'document', 'id': 1, 'access_hash': 2, 'file_reference': b'', 'date': 0,
                   'mime_type': 'application/octet-stream', 'size': 10, 'dc_id': 1, 'attributes': []}
            def attempt(what, f):
                try:
                    f()
                    log.info('RESULT ' + what + ' ALLOWED')
                except Exception as e:
                    log.info('RESULT ' + what + ' refused: ' + str(e))
            def go(update):
                attempt('upload late.bin', lambda: files.upload('late.bin'))
                attempt('upload latedir/scriptgram.session', lambda: files.upload('latedir/scriptgram.session'))
                attempt('download latedir/x.bin', lambda: files.download(DOC, 'latedir/x.bin'))
                attempt('download out/copy.bin', lambda: files.download(DOC, 'out/copy.bin'))
                log.info('RESULT done')
            on('updateConfig', go)
            """;

    @Test
    void linksCreatedAfterLoadAndSwappedInDuringATransferLeadNowhere() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path session = Files.writeString(data.resolve("scriptgram.session"), SESSION);
        Path folder = Files.createDirectories(dir.resolve("files/bot"));
        Files.createDirectories(folder.resolve("out"));
        Transfers transfers = new Transfers();
        transfers.whileDownloading = () -> { // another process swaps out/ for a link to the data folder
            try {
                if (Files.isDirectory(folder.resolve("out"), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(folder.resolve("out"), dir.resolve("out-moved"));
                    Files.createSymbolicLink(folder.resolve("out"), data);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        LinkedBlockingQueue<LogRecord> log = Scripts.capture("bot");
        FakeUpdates updates = new FakeUpdates();
        try (ScriptHost host = new ScriptHost(FakeApi.bundled(), updates, null, null, Duration.ofSeconds(60))) {
            host.setFiles(transfers, dir.resolve("files"));
            ScriptHandle h = Scripts.load(host, dir.resolve("scripts"), "bot.py", SCRIPT);
            h.completion().get(60, TimeUnit.SECONDS);
            Files.createSymbolicLink(folder.resolve("late.bin"), session);
            Files.createSymbolicLink(folder.resolve("latedir"), data);
            updates.fire(FakeUpdates.event(TlObject.of(TlSchema.bundled(), "updateConfig", Map.of()), null));
            StringBuilder results = new StringBuilder();
            for (String line = ""; !line.equals("RESULT done"); ) {
                line = Scripts.awaitLog(log, "RESULT ").getMessage();
                results.append(line).append('\n');
            }
            assertFalse(results.toString().contains("ALLOWED"), results.toString());
            assertEquals(List.of(), h.errors());
        }
        assertFalse(transfers.uploaded.contains(SESSION), "the session file was uploaded");
        assertEquals(SESSION, Files.readString(session));
        assertEquals(
                List.of("scriptgram.session"),
                Files.list(data).map(p -> p.getFileName().toString()).toList(),
                "nothing was written into the data folder");
    }
}
