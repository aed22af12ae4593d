package io.scriptgram.bench;

import io.scriptgram.tl.TlDefaults;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A realistic large result: {@code messages.messages} with 100 messages (text, entities, photo and document media,
 * replies), 50 users and 20 chats — what a history page of a busy account looks like.
 */
public final class TlFixtures {
    private static final String[] TEXTS = {
        "See you tomorrow at the station, don't forget the tickets!",
        "Привет! Как дела? Посмотри ссылку https://example.org/article/12345 когда будет время.",
        "Release notes: fixed the crash on start, faster sync, new dark theme "
                + "\uD83C\uDF19 and many small improvements.",
        "ok \uD83D\uDC4D",
        "Meeting moved to 15:30. @alice please bring the slides; @bob the numbers for Q3 are in the shared folder.",
    };

    private TlFixtures() {}

    public static TlObject messagesMessages(TlSchema s, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TlObject> users = new ArrayList<>(), chats = new ArrayList<>(), messages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add(TlDefaults.build(
                    s,
                    "user",
                    Map.of(
                            "id",
                            1_000_000L + i,
                            "access_hash",
                            r.nextLong(),
                            "first_name",
                            "User" + i,
                            "last_name",
                            "Lastname" + i,
                            "username",
                            "user_" + i,
                            "phone",
                            "7900" + (1_000_000 + i),
                            "photo",
                            TlDefaults.build(
                                    s,
                                    "userProfilePhoto",
                                    Map.of("photo_id", r.nextLong(), "dc_id", 2, "stripped_thumb", bytes(r, 40))),
                            "status",
                            TlDefaults.build(s, "userStatusOffline", Map.of("was_online", 1_700_000_000 + i)))));
        }
        for (int i = 0; i < 20; i++) {
            chats.add(
                    i % 2 == 0
                            ? TlDefaults.build(
                                    s,
                                    "channel",
                                    Map.of(
                                            "id",
                                            2_000_000L + i,
                                            "access_hash",
                                            r.nextLong(),
                                            "title",
                                            "Channel " + i,
                                            "username",
                                            "channel_" + i,
                                            "megagroup",
                                            i % 4 == 0,
                                            "date",
                                            1_600_000_000,
                                            "photo",
                                            TlDefaults.build(
                                                    s, "chatPhoto", Map.of("photo_id", r.nextLong(), "dc_id", 2)),
                                            "participants_count",
                                            1000 + i))
                            : TlDefaults.build(
                                    s,
                                    "chat",
                                    Map.of(
                                            "id",
                                            3_000_000L + i,
                                            "title",
                                            "Group " + i,
                                            "participants_count",
                                            12,
                                            "date",
                                            1_600_000_000,
                                            "version",
                                            3)));
        }
        for (int i = 0; i < 100; i++) {
            String text = TEXTS[i % TEXTS.length];
            List<TlObject> entities = List.of(
                    TlDefaults.build(s, "messageEntityBold", Map.of("offset", 0, "length", 4)),
                    TlDefaults.build(s, "messageEntityUrl", Map.of("offset", 5, "length", 10)),
                    TlDefaults.build(s, "messageEntityMention", Map.of("offset", 16, "length", 6)));
            var m = new HashMap<String, Object>(Map.of(
                    "id",
                    10_000 + i,
                    "date",
                    1_700_000_000 + i * 7,
                    "message",
                    text,
                    "from_id",
                    TlDefaults.build(s, "peerUser", Map.of("user_id", 1_000_000L + r.nextInt(50))),
                    "peer_id",
                    TlDefaults.build(s, "peerChannel", Map.of("channel_id", 2_000_000L)),
                    "entities",
                    entities,
                    "views",
                    r.nextInt(10_000),
                    "forwards",
                    r.nextInt(100)));
            if (i % 3 == 0)
                m.put("reply_to", TlDefaults.build(s, "messageReplyHeader", Map.of("reply_to_msg_id", 10_000 + i / 2)));
            if (i % 5 == 1) m.put("media", photo(s, r));
            if (i % 5 == 3) m.put("media", document(s, r, i));
            messages.add(TlDefaults.build(s, "message", m));
        }
        return TlObject.of(
                s,
                "messages.messages",
                Map.of("messages", messages, "topics", List.of(), "chats", chats, "users", users));
    }

    private static TlObject photo(TlSchema s, SplittableRandom r) {
        List<TlObject> sizes = List.of(
                TlDefaults.build(s, "photoStrippedSize", Map.of("type", "i", "bytes", bytes(r, 100))),
                TlDefaults.build(s, "photoSize", Map.of("type", "m", "w", 320, "h", 240, "size", 15_000)),
                TlDefaults.build(
                        s,
                        "photoSizeProgressive",
                        Map.of("type", "y", "w", 1280, "h", 960, "sizes", List.of(10_000, 40_000, 90_000))));
        return TlDefaults.build(
                s,
                "messageMediaPhoto",
                Map.of(
                        "photo",
                        TlDefaults.build(
                                s,
                                "photo",
                                Map.of(
                                        "id",
                                        r.nextLong(),
                                        "access_hash",
                                        r.nextLong(),
                                        "file_reference",
                                        bytes(r, 24),
                                        "date",
                                        1_700_000_000,
                                        "sizes",
                                        sizes,
                                        "dc_id",
                                        2))));
    }

    private static TlObject document(TlSchema s, SplittableRandom r, int i) {
        return TlDefaults.build(
                s,
                "messageMediaDocument",
                Map.of(
                        "document",
                        TlDefaults.build(
                                s,
                                "document",
                                Map.of(
                                        "id",
                                        r.nextLong(),
                                        "access_hash",
                                        r.nextLong(),
                                        "file_reference",
                                        bytes(r, 24),
                                        "date",
                                        1_700_000_000,
                                        "mime_type",
                                        "application/pdf",
                                        "size",
                                        1_000_000L + i,
                                        "dc_id",
                                        2,
                                        "attributes",
                                        List.of(TlDefaults.build(
                                                s,
                                                "documentAttributeFilename",
                                                Map.of("file_name", "report-" + i + ".pdf")))))));
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** Number of TL objects in a value tree (what "objects/s" counts). */
    public static int countObjects(Object v) {
        if (v instanceof TlObject o) {
            int n = 1;
            for (Object f : o.toMap().values()) n += countObjects(f);
            return n;
        }
        if (v instanceof List<?> l) {
            int n = 0;
            for (Object e : l) n += countObjects(e);
            return n;
        }
        return 0;
    }
}
