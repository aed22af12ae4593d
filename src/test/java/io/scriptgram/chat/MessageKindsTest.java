package io.scriptgram.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageKindsTest {
    private static final TlSchema S = TlSchema.bundled();

    private static TlObject message(TlObject media) {
        Map<String, Object> f = new HashMap<>(Map.of(
                "id", 1, "peer_id", TlObject.of(S, "peerUser", Map.of("user_id", 5L)), "date", 0, "message", ""));
        if (media != null) f.put("media", media);
        return TlObject.of(S, "message", f);
    }

    private static TlObject doc(Map<String, Object> flags, TlObject... attributes) {
        TlObject d = TlObject.of(
                S,
                "document",
                Map.of(
                        "id",
                        1L,
                        "access_hash",
                        2L,
                        "file_reference",
                        new byte[0],
                        "date",
                        0,
                        "mime_type",
                        "x/y",
                        "size",
                        1L,
                        "dc_id",
                        1,
                        "attributes",
                        List.of((Object[]) attributes)));
        Map<String, Object> f = new HashMap<>(flags);
        f.put("document", d);
        return TlObject.of(S, "messageMediaDocument", f);
    }

    private static TlObject attr(String name, Map<String, Object> f) {
        return TlObject.of(S, name, f);
    }

    @Test
    void eachKindFromTheMediaAndTheDocumentsAttributes() {
        assertNull(MessageKinds.of(message(null)), "text has no kind");
        assertEquals(
                "photo",
                MessageKinds.of(message(TlObject.of(
                        S, "messageMediaPhoto", Map.of("photo", TlObject.of(S, "photoEmpty", Map.of("id", 1L)))))));
        assertEquals("document", MessageKinds.of(message(doc(Map.of()))));
        TlObject video = attr("documentAttributeVideo", Map.of("duration", 1.0, "w", 1, "h", 1));
        assertEquals("video", MessageKinds.of(message(doc(Map.of(), video))));
        assertEquals(
                "video_note",
                MessageKinds.of(message(doc(
                        Map.of(),
                        attr(
                                "documentAttributeVideo",
                                Map.of("round_message", true, "duration", 1.0, "w", 1, "h", 1))))));
        assertEquals("video_note", MessageKinds.of(message(doc(Map.of("round", true)))));
        assertEquals(
                "animation",
                MessageKinds.of(message(doc(Map.of(), video, attr("documentAttributeAnimated", Map.of())))));
        assertEquals(
                "voice",
                MessageKinds.of(
                        message(doc(Map.of(), attr("documentAttributeAudio", Map.of("voice", true, "duration", 1))))));
        assertEquals(
                "audio",
                MessageKinds.of(message(doc(Map.of(), attr("documentAttributeAudio", Map.of("duration", 1))))));
        assertEquals(
                "sticker",
                MessageKinds.of(message(doc(
                        Map.of(),
                        attr(
                                "documentAttributeSticker",
                                Map.of("alt", "", "stickerset", TlObject.of(S, "inputStickerSetEmpty", Map.of())))))));
        assertEquals(
                "contact",
                MessageKinds.of(TlObject.of(
                        S,
                        "messageMediaContact",
                        Map.of("phone_number", "1", "first_name", "a", "last_name", "", "vcard", "", "user_id", 0L))));
        assertEquals(
                "location",
                MessageKinds.of(
                        TlObject.of(S, "messageMediaGeo", Map.of("geo", TlObject.of(S, "geoPointEmpty", Map.of())))));
        assertNull(MessageKinds.of(TlObject.of(S, "messageMediaEmpty", Map.of())));
    }

    @Test
    void unknownNamesAreListed() {
        assertEquals(List.of("selfie"), MessageKinds.unknown(List.of("photo", "selfie")));
        assertTrue(MessageKinds.KINDS.containsAll(List.of("photo", "video", "voice", "poll", "video_note")));
    }
}
