package io.scriptgram.chat;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.client.files.FileRpc;
import io.scriptgram.client.files.Uploader;
import io.scriptgram.testing.RunningHost;
import io.scriptgram.tl.TlObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media from scripts against the sandbox, in JS and Python: sendFile as photo / voice / video / audio / album, with a
 * thumbnail and as a reply, downloads of every size back, user, chat and channel profile photos, iterDownload, and
 * refusals.
 */
class ScriptMediaTest {
    private static final Duration WAIT =
            Duration.ofSeconds(150); // the first GraalPy context takes long on a loaded machine

    @TempDir
    static Path dir;

    static RunningHost h;
    static byte[] photo;

    @BeforeAll
    static void start() throws Exception {
        h = new RunningHost(dir);
        photo = MediaFixtures.jpeg(1000, 700, 42);
    }

    @AfterAll
    static void stop() {
        if (h != null) h.close();
    }

    private static Path folder(String script) throws Exception {
        return Files.createDirectories(dir.resolve("data/files").resolve(script));
    }

    /** Runs a script and waits for it to store "done" (or "error", which fails the test with the script's words). */
    private static void run(String file, String code) throws Exception {
        String name = file.substring(0, file.indexOf('.'));
        Files.writeString(h.scripts.resolve(file), code);
        boolean ok = RunningHost.waitFor(() -> h.stored(name, "done") != null || h.stored(name, "error") != null, WAIT);
        assertTrue(ok, name + " did not finish; problems: " + h.host.plugins().recentProblems());
        assertNull(h.stored(name, "error"), () -> name + " failed: " + h.stored(name, "error"));
    }

    /** What a script stored, with Python's json spacing taken out (JS writes none). */
    private static String stored(String name, String key) {
        String v = h.stored(name, key);
        return v == null ? null : v.replace(", ", ",").replace(": ", ":");
    }

    private static void assertSmallerImage(Path p, int maxSide) throws Exception {
        BufferedImage img = ImageIO.read(p.toFile());
        assertNotNull(img, p + " is an image");
        assertTrue(Math.max(img.getWidth(), img.getHeight()) <= maxSide, p + " fits " + maxSide);
        assertTrue(Files.size(p) < photo.length, p + " is smaller than the original");
    }

    private static final String JS_PHOTO = """
            (async () => {
              try {
                const seen = [];
                const m = await sendFile('@alice', 'pic.jpg', {as: 'photo', caption: 'look', progress: (d, t) => seen.push([d, t])});
                await files.download(m, 'back.jpg');
                await files.download(m.media, 'thumb.jpg', {size: 'thumb'});
                await files.download(m.media.photo, 'm.jpg', {size: 'm'});
                await files.download(m, 'i.jpg', {size: 'i'});
                let err = '';
                try { await files.download(m, 'q.jpg', {size: 'q'}); } catch (e) { err = e.message; }
                storage.set('sizes', m.media.photo.sizes.map((s) => s.type));
                storage.set('caption', m.message);
                storage.set('progress', seen[seen.length - 1]);
                storage.set('noSize', err);
                storage.set('done', true);
              } catch (e) { storage.set('error', String(e.stack || e)); }
            })();
            """;

    private static final String PY_PHOTO = """
            try:
                seen = []
                m = sendFile('@alice', 'pic.jpg', as_='photo', caption='look', progress=lambda d, t: seen.append([d, t]))
                files.download(m, 'back.jpg')
                files.download(m['media'], 'thumb.jpg', size='thumb')
                files.download(m['media']['photo'], 'm.jpg', {'size': 'm'})
                files.download(m, 'i.jpg', size='i')
                err = ''
                try:
                    files.download(m, 'q.jpg', size='q')
                except Exception as e:
                    err = str(e)
                storage.set('sizes', [s['type'] for s in m['media']['photo']['sizes']])
                storage.set('caption', m['message'])
                storage.set('progress', seen[-1])
                storage.set('noSize', err)
                storage.set('done', True)
            except Exception as e:
                storage.set('error', repr(e))
            """;

    @Test
    void aPhotoComesBackByteIdenticalWithSmallerSizesJs() throws Exception {
        photoRoundTrip("photojs.js", JS_PHOTO);
    }

    @Test
    void aPhotoComesBackByteIdenticalWithSmallerSizesPython() throws Exception {
        photoRoundTrip("photopy.py", PY_PHOTO);
    }

    private void photoRoundTrip(String file, String code) throws Exception {
        String name = file.substring(0, file.indexOf('.'));
        Path f = folder(name);
        Files.write(f.resolve("pic.jpg"), photo);
        run(file, code);
        assertArrayEquals(photo, Files.readAllBytes(f.resolve("back.jpg")), "the largest size is the sent bytes");
        assertEquals("[\"i\",\"s\",\"m\",\"x\",\"y\"]", stored(name, "sizes"));
        assertEquals("\"look\"", stored(name, "caption"));
        assertEquals("[" + photo.length + "," + photo.length + "]", stored(name, "progress"));
        assertSmallerImage(f.resolve("thumb.jpg"), 100);
        assertSmallerImage(f.resolve("m.jpg"), 320);
        BufferedImage stripped = ImageIO.read(f.resolve("i.jpg").toFile());
        assertNotNull(stripped, "the stripped thumbnail rebuilds into a JPEG");
        assertEquals(40, Math.max(stripped.getWidth(), stripped.getHeight()));
        assertTrue(stored(name, "noSize").contains("has no size 'q' (it has s,m,x,y,i"), stored(name, "noSize"));
    }

    @Test
    void voiceVideoAndAlbumJs() throws Exception {
        mediaKinds("kindsjs.js", """
                (async () => {
                  try {
                    const v = await sendFile('@alice', 'note.ogg');
                    const c = await sendFile('@alice', 'clip.mp4', {caption: 'clip'});
                    const album = await sendFile('@alice', ['a.jpg', 'b.jpg'], {caption: 'two'});
                    const d = await sendFile('@alice', new Uint8Array([104, 105]), {file_name: 'hi.txt'});
                    storage.set('voice', v.media.document.attributes);
                    storage.set('voiceMime', v.media.document.mime_type);
                    storage.set('video', c.media.document.attributes[0]);
                    storage.set('album', album.map((m) => [m.grouped_id !== undefined, m.message, m.media._]));
                    storage.set('sameGroup', String(album[0].grouped_id) === String(album[1].grouped_id));
                    await files.download(album[1], 'b-back.jpg');
                    await files.download(d, 'hi-back.txt');
                    storage.set('done', true);
                  } catch (e) { storage.set('error', String(e.stack || e)); }
                })();
                """);
    }

    @Test
    void voiceVideoAndAlbumPython() throws Exception {
        mediaKinds("kindspy.py", """
                try:
                    v = sendFile('@alice', 'note.ogg')
                    c = sendFile('@alice', 'clip.mp4', caption='clip')
                    album = sendFile('@alice', ['a.jpg', 'b.jpg'], caption='two')
                    d = sendFile('@alice', b'hi', file_name='hi.txt')
                    storage.set('voice', v['media']['document']['attributes'])
                    storage.set('voiceMime', v['media']['document']['mime_type'])
                    storage.set('video', c['media']['document']['attributes'][0])
                    storage.set('album', [['grouped_id' in m, m['message'], m['media']['_']] for m in album])
                    storage.set('sameGroup', str(album[0]['grouped_id']) == str(album[1]['grouped_id']))
                    files.download(album[1], 'b-back.jpg')
                    files.download(d, 'hi-back.txt')
                    storage.set('done', True)
                except Exception as e:
                    storage.set('error', repr(e))
                """);
    }

    private void mediaKinds(String file, String code) throws Exception {
        String name = file.substring(0, file.indexOf('.'));
        Path f = folder(name);
        Files.write(f.resolve("note.ogg"), MediaFixtures.oggOpus(2));
        Files.write(f.resolve("clip.mp4"), MediaFixtures.mp4(4500, 320, 240));
        byte[] b = MediaFixtures.jpeg(300, 200, 9);
        Files.write(f.resolve("a.jpg"), MediaFixtures.jpeg(200, 300, 8));
        Files.write(f.resolve("b.jpg"), b);
        run(file, code);
        assertEquals(
                "[{\"_\":\"documentAttributeAudio\",\"voice\":true,\"duration\":2},"
                        + "{\"_\":\"documentAttributeFilename\",\"file_name\":\"note.ogg\"}]",
                stored(name, "voice"));
        assertEquals("\"audio/ogg\"", stored(name, "voiceMime"));
        String video = stored(name, "video");
        assertTrue(video.contains("\"_\":\"documentAttributeVideo\""), video);
        assertTrue(
                video.contains("\"duration\":4.5") && video.contains("\"w\":320") && video.contains("\"h\":240"),
                video);
        assertEquals("[[true,\"two\",\"messageMediaPhoto\"],[true,\"\",\"messageMediaPhoto\"]]", stored(name, "album"));
        assertEquals("true", stored(name, "sameGroup"));
        assertArrayEquals(b, Files.readAllBytes(f.resolve("b-back.jpg")));
        assertEquals("hi", Files.readString(f.resolve("hi-back.txt")));
    }

    // ---- thumb, reply_to and audio ----

    @Test
    void thumbReplyToAndAudioJs() throws Exception {
        thumbReplyAudio("extrasjs.js", """
                (async () => {
                  try {
                    const firstMsg = await sendFile('@alice', new Uint8Array([104, 105]), {file_name: 'first.txt'});
                    const c = await sendFile('@alice', 'clip.mp4', {thumb: 'cover.jpg', reply_to: firstMsg});
                    await files.download(c, 'clip-thumb.jpg', {size: 'thumb'});
                    const a = await sendFile('@alice', 'note.ogg', {as: 'audio', title: 'Song', performer: 'Band'});
                    storage.set('replyTo', [c.reply_to.reply_to_msg_id, firstMsg.id]);
                    storage.set('thumbs', c.media.document.thumbs.map((t) => t._ + ':' + t.type));
                    storage.set('audio', a.media.document.attributes);
                    storage.set('done', true);
                  } catch (e) { storage.set('error', String(e.stack || e)); }
                })();
                """);
    }

    @Test
    void thumbReplyToAndAudioPython() throws Exception {
        thumbReplyAudio("extraspy.py", """
                try:
                    first = sendFile('@alice', b'the clip follows', file_name='first.txt')
                    c = sendFile('@alice', 'clip.mp4', thumb='cover.jpg', reply_to=first['id'])
                    files.download(c, 'clip-thumb.jpg', size='thumb')
                    a = sendFile('@alice', 'note.ogg', as_='audio', title='Song', performer='Band')
                    storage.set('replyTo', [c['reply_to']['reply_to_msg_id'], first['id']])
                    storage.set('thumbs', [t['_'] + ':' + t['type'] for t in c['media']['document']['thumbs']])
                    storage.set('audio', a['media']['document']['attributes'])
                    storage.set('done', True)
                except Exception as e:
                    storage.set('error', repr(e))
                """);
    }

    /**
     * A clip sent with {@code thumb} (an MP4 has no picture of its own, so every thumbnail comes from the cover), as a
     * reply; an Ogg sent {@code as: "audio"} is music (no voice flag) with its title and performer.
     */
    private void thumbReplyAudio(String file, String code) throws Exception {
        String name = file.substring(0, file.indexOf('.'));
        Path f = folder(name);
        Files.write(f.resolve("clip.mp4"), MediaFixtures.mp4(3000, 320, 240));
        Files.write(f.resolve("cover.jpg"), MediaFixtures.jpeg(300, 150, 5));
        Files.write(f.resolve("note.ogg"), MediaFixtures.oggOpus(3));
        run(file, code);
        String reply = stored(name, "replyTo");
        String[] ids = reply.substring(1, reply.length() - 1).split(",");
        assertEquals(ids[1], ids[0], "the clip replies to the first message: " + reply);
        assertEquals("[\"photoStrippedSize:i\",\"photoSize:s\",\"photoSize:m\"]", stored(name, "thumbs"));
        BufferedImage thumb = ImageIO.read(f.resolve("clip-thumb.jpg").toFile());
        assertEquals(90, thumb.getWidth(), "the smallest thumbnail is the cover scaled into 90 px");
        assertEquals(45, thumb.getHeight());
        assertEquals(
                "[{\"_\":\"documentAttributeAudio\",\"voice\":false,\"duration\":3,\"title\":\"Song\","
                        + "\"performer\":\"Band\"},"
                        + "{\"_\":\"documentAttributeFilename\",\"file_name\":\"note.ogg\"}]",
                stored(name, "audio"));
    }

    // ---- chat and channel profile photos (world.yml gives Sandbox Friends and Sandbox News one) ----

    @Test
    void chatAndChannelPhotosJs() throws Exception {
        chatPhotos("chatphotojs.js", """
                (async () => {
                  try {
                    const full = await messages.getFullChat({chat_id: 3000001});
                    const group = full.chats.find((c) => c._ === 'chat');
                    await files.download(group, 'group.jpg');
                    await files.download(group, 'group-small.jpg', {size: 'thumb'});
                    await files.download(full.full_chat.chat_photo, 'group-photo.jpg');
                    const news = (await contacts.resolveUsername({username: 'sandbox_news'})).chats[0];
                    await files.download(news, 'news.jpg');
                    const fc = await channels.getFullChannel({channel: '@sandbox_news'});
                    await files.download(fc.full_chat.chat_photo, 'news-photo.jpg', {size: 'a'});
                    storage.set('done', true);
                  } catch (e) { storage.set('error', String(e.stack || e)); }
                })();
                """);
    }

    @Test
    void chatAndChannelPhotosPython() throws Exception {
        chatPhotos("chatphotopy.py", """
                try:
                    full = messages.getFullChat(chat_id=3000001)
                    group = [c for c in full['chats'] if c['_'] == 'chat'][0]
                    files.download(group, 'group.jpg')
                    files.download(group, 'group-small.jpg', size='thumb')
                    files.download(full['full_chat']['chat_photo'], 'group-photo.jpg')
                    news = contacts.resolveUsername(username='sandbox_news')['chats'][0]
                    files.download(news, 'news.jpg')
                    fc = channels.getFullChannel(channel='@sandbox_news')
                    files.download(fc['full_chat']['chat_photo'], 'news-photo.jpg', size='a')
                    storage.set('done', True)
                except Exception as e:
                    storage.set('error', repr(e))
                """);
    }

    private void chatPhotos(String file, String code) throws Exception {
        String name = file.substring(0, file.indexOf('.'));
        Path f = folder(name);
        run(file, code);
        assertEquals(640, ImageIO.read(f.resolve("group.jpg").toFile()).getWidth(), "the big chat photo");
        assertEquals(160, ImageIO.read(f.resolve("group-small.jpg").toFile()).getWidth(), "the small one");
        assertArrayEquals(
                Files.readAllBytes(f.resolve("group.jpg")),
                Files.readAllBytes(f.resolve("group-photo.jpg")),
                "the chat's photo and getFullChat's chat_photo are one picture");
        assertEquals(640, ImageIO.read(f.resolve("news.jpg").toFile()).getWidth(), "the channel's photo");
        assertEquals(160, ImageIO.read(f.resolve("news-photo.jpg").toFile()).getWidth(), "getFullChannel's, size a");
    }

    @Test
    void profilePhotosAndChunksJs() throws Exception {
        profileAndChunks("profilejs.js", """
                (async () => {
                  try {
                    const u = (await contacts.resolveUsername({username: 'alice'})).users[0];
                    await files.download(u, 'alice.jpg');
                    await files.download(u, 'alice-small.jpg', {size: 'thumb'});
                    const chunks = [];
                    for await (const c of files.iterDownload(u, {chunk_size: 8192})) chunks.push(c.length);
                    storage.set('chunks', chunks);
                    let n = 0;
                    for await (const c of files.iterDownload(u, {chunk_size: 8192})) { if (++n === 2) break; }
                    storage.set('part', Array.from(await (async () => {
                      for await (const c of files.iterDownload(u, {offset: 100, limit: 5})) return c;
                    })()));
                    storage.set('done', true);
                  } catch (e) { storage.set('error', String(e.stack || e)); }
                })();
                """);
    }

    @Test
    void profilePhotosAndChunksPython() throws Exception {
        profileAndChunks("profilepy.py", """
                try:
                    u = contacts.resolveUsername(username='alice')['users'][0]
                    files.download(u, 'alice.jpg')
                    files.download(u, 'alice-small.jpg', size='thumb')
                    storage.set('chunks', [len(c) for c in files.iterDownload(u, chunk_size=8192)])
                    n = 0
                    for c in files.iterDownload(u, chunk_size=8192):
                        n += 1
                        if n == 2:
                            break
                    storage.set('part', list(next(iter(files.iterDownload(u, offset=100, limit=5)))))
                    storage.set('done', True)
                except Exception as e:
                    storage.set('error', repr(e))
                """);
    }

    private static final AtomicInteger getFiles = new AtomicInteger();

    private void profileAndChunks(String file, String code) throws Exception {
        String name = file.substring(0, file.indexOf('.'));
        Path f = folder(name);
        byte[] face = MediaFixtures.jpeg(200, 200, 3);
        TlObject in = new Uploader(h.alice)
                .upload(new ByteArrayInputStream(face), face.length, "face.jpg", null)
                .get(30, TimeUnit.SECONDS);
        h.alice.invoke("photos.uploadProfilePhoto", Map.of("file", in)).get(30, TimeUnit.SECONDS);
        run(file, code);
        assertArrayEquals(face, Files.readAllBytes(f.resolve("alice.jpg")), "the big profile photo is the upload");
        BufferedImage small = ImageIO.read(f.resolve("alice-small.jpg").toFile());
        assertEquals(160, small.getWidth(), "the small profile photo is 160 px");
        int full = face.length / 8192, rest = face.length % 8192;
        StringBuilder want = new StringBuilder("[");
        for (int i = 0; i < full; i++) want.append(i == 0 ? "" : ",").append(8192);
        if (rest > 0) want.append(",").append(rest);
        assertEquals(want.append("]").toString(), stored(name, "chunks"), "chunks concatenate to the file");
        StringBuilder part = new StringBuilder("[");
        for (int i = 100; i < 105; i++) part.append(i == 100 ? "" : ",").append(face[i] & 0xff);
        assertEquals(part.append("]").toString(), stored(name, "part"));
        assertNotNull(FileRpc.class);
    }

    @Test
    void refusalsNameTheRawMethodJsAndPython() throws Exception {
        for (String lang : new String[] {"js", "py"}) {
            String name = "limited" + lang;
            Path p = Files.createDirectories(h.plugins.resolve(name));
            Path f = folder(name);
            Files.write(f.resolve("pic.jpg"), photo);
            Files.writeString(p.resolve("main." + lang), lang.equals("js") ? """
                            (async () => {
                              const out = {};
                              try { await sendFile('@alice', 'pic.jpg'); } catch (e) { out.send = e.message; }
                              try { await sendFile('@alice', ['pic.jpg', 'pic.jpg']); } catch (e) { out.album = e.message; }
                              try { await sendFile('@alice', 'pic.jpg', {as: 'gif'}); } catch (e) { out.as = e.message; }
                              storage.set('out', out);
                              storage.set('done', true);
                            })();
                            """ : """
                            out = {}
                            for key, args, kw in [('send', 'pic.jpg', {}), ('album', ['pic.jpg', 'pic.jpg'], {}),
                                                  ('as', 'pic.jpg', {'as_': 'gif'})]:
                                try:
                                    sendFile('@alice', args, **kw)
                                except Exception as e:
                                    out[key] = str(e)
                            storage.set('out', out)
                            storage.set('done', True)
                            """);
            Files.writeString(
                    p.resolve("plugin.yml"), "name: " + name + "\nentry: main." + lang + "\npermissions: [upload.*]\n");
            assertTrue(
                    RunningHost.waitFor(() -> h.stored(name, "done") != null, WAIT),
                    name + ": " + h.host.plugins().recentProblems());
            String out = stored(name, "out");
            assertTrue(out.contains("may not use sendFile (it calls messages.sendMedia)"), out);
            assertTrue(out.contains("may not use sendFile (it calls messages.uploadMedia)"), out);
            assertTrue(out.contains("as must be one of photo,document,video,voice,audio; got 'gif'"), out);
        }
    }
}
