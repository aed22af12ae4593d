package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

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

/**
 * The files global against the sandbox: a file goes up, is sent, comes back the same; paths stay in the script's
 * folder.
 */
class ScriptFilesTest {
    private static final TlSchema S = TlSchema.bundled();
    private static SandboxServer sandbox;
    private static RpcClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(Sandbox.Options.inMemory(), S);
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

    private ScriptHandle run(ScriptHost host, String file, String code, List<String> permissions) throws Exception {
        Path entry = Scripts.write(dir.resolve("scripts"), file, code);
        String name = file.substring(0, file.indexOf('.'));
        ScriptLanguage lang = file.endsWith(".py") ? ScriptLanguage.PYTHON : ScriptLanguage.JS;
        ScriptHandle h = host.load(new ScriptSpec(name, entry.getParent(), entry, lang, Map.of(), null, permissions));
        try {
            h.completion().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            fail(file + " failed: " + e.getCause().getMessage() + " " + h.errors());
        }
        return h;
    }

    private Path input(String script, String name, int size) throws Exception {
        byte[] data = new byte[size];
        new SplittableRandom(size).nextBytes(data);
        Path p = dir.resolve("files").resolve(script).resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, data);
    }

    @Test
    void jsUploadsSendsAndDownloadsAFileByItsMessageEvenAfterItsReferenceExpired() throws Exception {
        Path in = input("sender", "in/report.bin", 1_300_000);
        FakeUpdates updates = new FakeUpdates();
        try (ScriptHost host = new ScriptHost(client, updates, null, null, Duration.ofSeconds(10))) {
            host.setFiles(TRANSFERS, dir.resolve("files"));
            ScriptHandle h = run(host, "sender.js", """
                    const file = await files.upload('in/report.bin');
                    if (file._ !== 'inputFile') throw new Error('got ' + file._);
                    const sent = await messages.sendMedia({peer: {_: 'inputPeerSelf'}, message: '',
                        media: {_: 'inputMediaUploadedDocument', file, mime_type: 'application/octet-stream', \
                    attributes: []}});
                    const msg = sent.updates.find(u => u._ === 'updateNewMessage').message;
                    on('updateConfig', async () => { // later: by then the file reference in msg has expired
                      const where = await files.download(msg, 'out/copy.bin');
                      if (where !== 'out/copy.bin') throw new Error('returned ' + where);
                    });
                    """, List.of());
            sandbox.world().renewFileReferences();
            updates.fire(FakeUpdates.event(TlObject.of(S, "updateConfig", Map.of()), null));
            h.idle().get(60, TimeUnit.SECONDS);
            assertEquals(List.of(), h.errors());
        }
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(dir.resolve("files/sender/out/copy.bin")));
    }

    @Test
    void pythonUploadsAndDownloadsWithBlockingCalls() throws Exception {
        Path in = input("pysender", "photo.bin", 200_000);
        try (ScriptHost host = new ScriptHost(client, null, null, null, Duration.ofSeconds(10))) {
            host.setFiles(TRANSFERS, dir.resolve("files"));
            run(host, "pysender.py", """
                    f = files.upload('photo.bin')
                    sent = messages.sendMedia(peer={'_': 'inputPeerSelf'}, message='',
                        media={'_': 'inputMediaUploadedDocument', 'file': f, 'mime_type': 'application/octet-stream', \
                    'attributes': []})
                    msg = [u for u in sent.updates if u._ == 'updateNewMessage'][0].message
                    assert files.download(msg.media.document, 'back/photo.bin') == 'back/photo.bin'
                    """, List.of());
        }
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(dir.resolve("files/pysender/back/photo.bin")));
    }

    @Test
    void pathsOutsideTheFilesFolderMissingFilesAndForbiddenUsesAreRefusedPlainly() throws Exception {
        input("guard", "ok.bin", 10);
        Files.writeString(dir.resolve("files").resolve("secret.txt"), "another script's or the host's");
        try (ScriptHost host = new ScriptHost(client, null, null, null, Duration.ofSeconds(10))) {
            host.setFiles(TRANSFERS, dir.resolve("files"));
            run(host, "guard.js", """
                    const refused = async (f) => { try { await f(); return 'allowed'; } catch (e) { \
                    return e.name + ': ' + e.message; } };
                    globalThis.results = [
                      await refused(() => files.upload('../secret.txt')),
                      await refused(() => files.upload('/etc/passwd')),
                      await refused(() => files.upload('nope.bin')),
                      await refused(() => files.download({_: 'messageEmpty', id: 1}, 'x.bin')),
                    ];
                    for (const r of results) log.info(r);
                    if (results.some(r => r === 'allowed')) throw new Error(results.join(' | '));
                    if (!results[0].startsWith('TypeError: files.upload: \\'../secret.txt\\' must be a file path \
                    inside')) throw new Error(results[0]);
                    if (!results[2].includes("no file 'nope.bin' in")) throw new Error(results[2]);
                    if (!results[3].includes('cannot download messageEmpty')) throw new Error(results[3]);
                    """, List.of());
            run(host, "limited.js", """
                    try { await files.upload('ok.bin'); throw new Error('allowed'); }
                    catch (e) { if (!e.message.includes('limited may not use files.upload')) throw e; }
                    """, List.of("messages.*"));
        }
        try (ScriptHost bare = new ScriptHost(client, null, null, null, Duration.ofSeconds(10))) {
            run(bare, "nofiles.js", """
                    try { await files.upload('ok.bin'); throw new Error('allowed'); }
                    catch (e) { if (!e.message.includes('files are not available here')) throw e; }
                    """, List.of());
        }
    }
}
