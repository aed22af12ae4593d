package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scriptgram.chat.MediaFiles;
import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.files.Downloader;
import io.scriptgram.client.files.FileRpc;
import io.scriptgram.client.files.MessageFiles;
import io.scriptgram.client.files.Progress;
import io.scriptgram.client.files.Uploader;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code files.download} in both languages of documents the sandbox's main DC sends to its CDN DC. */
class ScriptCdnDownloadTest {
    private static final TlSchema S = TlSchema.bundled();
    private static SandboxServer sandbox;
    private static RpcClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(Sandbox.Options.inMemory(), S);
        sandbox.world().cdn().serveFrom(0);
        client = RpcClient.ephemeral(
                ClientSettings.of(4, "sandbox", TransportChoice.parse("intermediate"), List.of(sandbox.publicKey()))
                        .withRequestTimeout(Duration.ofSeconds(30)),
                S,
                new Endpoint("127.0.0.1", sandbox.port(1)),
                u -> {});
        Login.withCode(client, "+999 66 1 1234", sandbox.world().loginCode()).get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        client.close();
        sandbox.close();
    }

    /** What the host's AccountFiles does, on the test's client. */
    private static final ScriptFiles TRANSFERS = new ScriptFiles() {
        @Override
        public CompletableFuture<TlObject> upload(InputStream in, long size, String name) {
            return new Uploader(client).upload(in, size, name, Progress.NONE);
        }

        @Override
        public CompletableFuture<Path> download(TlObject media, Path target) {
            return MessageFiles.download(new Downloader(client), client, null, media, target, Progress.NONE);
        }

        @Override
        public MediaFiles media() {
            return new MediaFiles(client, FileRpc.of(client), new Uploader(client), new Downloader(client), null);
        }
    };

    private void run(String file, String code) throws Exception {
        try (ScriptHost host = new ScriptHost(client, null, null, null, Duration.ofSeconds(10))) {
            host.setFiles(TRANSFERS, dir.resolve("files"));
            Path entry = Scripts.write(dir.resolve("scripts"), file, code);
            String name = file.substring(0, file.indexOf('.'));
            ScriptLanguage lang = file.endsWith(".py") ? ScriptLanguage.PYTHON : ScriptLanguage.JS;
            ScriptHandle h = host.load(new ScriptSpec(name, entry.getParent(), entry, lang, Map.of(), null, List.of()));
            try {
                h.completion().get(120, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                fail(file + " failed: " + e.getCause().getMessage() + " " + h.errors());
            }
            assertEquals(List.of(), h.errors());
        }
    }

    private byte[] input(String script, int size) throws Exception {
        byte[] data = new byte[size];
        new SplittableRandom(size).nextBytes(data);
        Path p = dir.resolve("files").resolve(script).resolve("in.bin");
        Files.createDirectories(p.getParent());
        Files.write(p, data);
        return data;
    }

    @Test
    void pythonDownloadsFromTheCdnWithABlockingCall() throws Exception {
        byte[] data = input("cdnpy", 700_000);
        int before = sandbox.world().cdn().partsServed();
        run("cdnpy.py", """
                f = files.upload('in.bin')
                sent = messages.sendMedia(peer={'_': 'inputPeerSelf'}, message='', media={
                    '_': 'inputMediaUploadedDocument', 'file': f, 'mime_type': 'application/octet-stream',
                    'attributes': []})
                msg = [u for u in sent.updates if u._ == 'updateNewMessage'][0].message
                assert files.download(msg, 'out.bin') == 'out.bin'
                """);
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("files/cdnpy/out.bin")));
        assertTrue(sandbox.world().cdn().partsServed() > before, "the bytes came from the CDN DC");
    }

    @Test
    void jsDownloadsFromTheCdn() throws Exception {
        byte[] data = input("cdnjs", 1_100_000);
        int before = sandbox.world().cdn().partsServed();
        run("cdnjs.js", """
                const file = await files.upload('in.bin');
                const sent = await messages.sendMedia({peer: {_: 'inputPeerSelf'}, message: '', media: {
                    _: 'inputMediaUploadedDocument', file, mime_type: 'application/octet-stream', attributes: []}});
                const msg = sent.updates.find(u => u._ === 'updateNewMessage').message;
                if (await files.download(msg, 'out.bin') !== 'out.bin') throw new Error('wrong path');
                """);
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("files/cdnjs/out.bin")));
        assertTrue(sandbox.world().cdn().partsServed() > before, "the bytes came from the CDN DC");
    }
}
