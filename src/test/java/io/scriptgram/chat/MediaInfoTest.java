package io.scriptgram.chat;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaInfoTest {
    @Test
    void readsWhatContainersState() throws Exception {
        MediaInfo jpeg = MediaInfo.read(new ByteArrayInputStream(MediaFixtures.jpeg(120, 80, 1)), "x.bin");
        assertEquals(new MediaInfo("image/jpeg", 120, 80, 0), jpeg);
        MediaInfo ogg = MediaInfo.read(new ByteArrayInputStream(MediaFixtures.oggOpus(3)), "v.ogg");
        assertEquals("audio/ogg", ogg.mimeType());
        assertEquals(3.0, ogg.duration(), 1e-9);
        MediaInfo mp4 = MediaInfo.read(new ByteArrayInputStream(MediaFixtures.mp4(4500, 320, 240)), "c.mp4");
        assertEquals("video/mp4", mp4.mimeType());
        assertEquals(4.5, mp4.duration(), 1e-9);
        assertEquals(320, mp4.width());
        assertEquals(240, mp4.height());
        assertEquals(
                new MediaInfo("text/plain", 0, 0, 0),
                MediaInfo.read(new ByteArrayInputStream("hello".getBytes()), "a.txt"));
    }

    @Test
    void guessesTheKind() {
        SendFileOptions none = SendFileOptions.NONE;
        assertEquals("photo", MediaChoice.kind(none, new MediaInfo("image/jpeg", 1, 1, 0)));
        assertEquals("video", MediaChoice.kind(none, new MediaInfo("video/mp4", 1, 1, 1)));
        assertEquals("voice", MediaChoice.kind(none, new MediaInfo("audio/ogg", 0, 0, 1)));
        assertEquals("audio", MediaChoice.kind(none, new MediaInfo("audio/mpeg", 0, 0, 1)));
        assertEquals("document", MediaChoice.kind(none, new MediaInfo("application/pdf", 0, 0, 0)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SendFileOptions.from(Map.of("as", "gif")));
        assertTrue(e.getMessage().contains("as must be one of photo, document, video, voice, audio"), e.getMessage());
    }
}
