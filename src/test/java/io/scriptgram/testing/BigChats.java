package io.scriptgram.testing;

import io.scriptgram.sandbox.WorldLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The bundled sandbox world plus a supergroup {@code @big_chat} (id 4000009) with generated messages. */
public final class BigChats {
    public static final long CHAT_ID = 4000009;

    private BigChats() {}

    /** The world YAML: {@code @big_chat} holds {@code count} messages "msg 1" … from Alice, Bob and the account. */
    public static String world(int count) {
        String yaml;
        try (InputStream in = WorldLoader.class.getResourceAsStream(WorldLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String chat = "  - {id: " + CHAT_ID + ", type: supergroup, access_hash: 7200000000000009, title: Big Chat, "
                + "username: big_chat, creator: \"@alice\", "
                + "members: [\"@alice\", me, \"@bob\", \"@sandbox_echo_bot\"]}\n";
        String messages = "  - {to: \"channel:" + CHAT_ID + "\", generate: {count: " + count
                + ", from: [\"@alice\", \"@bob\", me], text: \"msg {n}\"}}\n";
        return yaml.replaceFirst("(?m)^chats:\\n", "chats:\n" + chat)
                .replaceFirst("(?m)^messages:\\n", "messages:\n" + messages);
    }
}
