package io.scriptgram.scripttest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scriptgram.chat.MediaInfo;
import io.scriptgram.chat.PeerIds;
import io.scriptgram.sandbox.CallContext;
import io.scriptgram.sandbox.PeerKey;
import io.scriptgram.sandbox.SandboxChat;
import io.scriptgram.sandbox.SandboxRpcError;
import io.scriptgram.sandbox.SandboxUser;
import io.scriptgram.sandbox.WorldPuppets;
import io.scriptgram.tl.TlJson;
import io.scriptgram.tl.TlObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;

/**
 * {@code t.world.user("@alice")}: the other side of the script's conversations. Each action is that user's API call in
 * the sandbox (the account gets the updates as from a real client). {@code "me"} is the account itself typing on
 * another device (what a {@code command()} answers). Messages are plain data: {@code id} in the actor's own box,
 * {@code global_id} to find the same message in another's, {@code chat_id} as the script sees the chat.
 */
public final class WorldUser {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestHost host;
    private final WorldPuppets world;
    private final SandboxUser user;
    private final boolean me;
    private final CallContext session;
    private final String label;

    WorldUser(TestHost host, String ref) {
        this.host = host;
        this.world = host.world;
        this.me = ref.trim().equalsIgnoreCase("me");
        this.user = me ? world.account() : world.user(ref);
        this.session = world.sessionOf(user);
        this.label = me ? "me" : user.username() != null ? "@" + user.username() : String.valueOf(user.id());
    }

    @HostAccess.Export
    public long id() {
        return user.id();
    }

    @HostAccess.Export
    public String username() {
        return user.username() == null ? String.valueOf(user.id()) : user.username();
    }

    /** Writes {@code text} to the account (or, from "me", to Saved Messages); {@code chat}: a group or user instead. */
    @HostAccess.Export
    public String send(String text, String chat) {
        if (me) {
            PeerKey to = chat == null ? PeerKey.user(user.id()) : peerKey(chat);
            int id = world.sendAsAccount(to, text);
            host.sent.own(id);
            return message(id, text, to);
        }
        return sent("send", chat, Map.of("message", text), text);
    }

    @HostAccess.Export
    public String reply(int id, double globalId, String chat, String text) {
        if (me)
            throw new IllegalArgumentException("world.user(\"me\").reply: the account's own replies are the script's");
        TlObject replyTo =
                world.object("inputReplyToMessage", Map.of("reply_to_msg_id", mine(id, (long) globalId, chat)));
        return sent("reply", chat, Map.of("message", text, "reply_to", replyTo), text);
    }

    @HostAccess.Export
    public String edit(int id, double globalId, String chat, String text) {
        int mine = mine(id, (long) globalId, chat);
        call("edit", "messages.editMessage", Map.of("peer", inputPeer(chat), "id", mine, "message", text));
        return message(mine, text, peerKey(chat));
    }

    @HostAccess.Export
    public void react(int id, double globalId, String chat, String emoji) {
        TlObject reaction = world.object("reactionEmoji", Map.of("emoticon", emoji));
        call(
                "react",
                "messages.sendReaction",
                Map.of(
                        "peer",
                        inputPeer(chat),
                        "msg_id",
                        mine(id, (long) globalId, chat),
                        "reaction",
                        List.of(reaction)));
    }

    /**
     * Sends a file named {@code name} holding {@code content} (its UTF-8 bytes) with {@code caption}, uploaded in parts
     * and sent as a document, as a client does ({@code upload.saveFilePart}, then {@code messages.sendMedia}).
     */
    @HostAccess.Export
    public String sendFile(String name, String content, String caption, String chat) {
        return upload("sendFile(name, content)", name, content.getBytes(StandardCharsets.UTF_8), caption, chat);
    }

    /** As {@link #sendFile}, holding bytes: the test prelude hands them over one char (0–255) per byte. */
    @HostAccess.Export
    public String sendFileBytes(String name, String latin1, String caption, String chat) {
        return upload("sendFile(name, bytes)", name, latin1.getBytes(StandardCharsets.ISO_8859_1), caption, chat);
    }

    /**
     * As {@link #sendFile}, the file at {@code path} (relative to the test file's folder): only a file whose real path
     * (links resolved) lies inside that folder, so a test cannot send the world what lies outside it.
     */
    @HostAccess.Export
    public String sendFilePath(String path, String caption, String chat) {
        String where = "world.user(" + label + ").sendFile({path: \"" + path + "\"})";
        Path file = TestFolders.fileInside(host.testFolder, path, MAX_FILE_BYTES, where);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot read it: " + e.getMessage());
        }
        return upload("sendFile(path)", file.getFileName().toString(), bytes, caption, chat);
    }

    private String upload(String what, String name, byte[] bytes, String caption, String chat) {
        if (me) throw new IllegalArgumentException("world.user(\"me\").sendFile: not available; send as another user");
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\"))
            throw new IllegalArgumentException("world.user(" + label + ")." + what + ": give a file name such as"
                    + " \"notes.txt\" (no folders), got \"" + name + "\"");
        if (bytes.length > MAX_FILE_BYTES)
            throw new IllegalArgumentException("world.user(" + label + ")." + what + ": at most "
                    + MAX_FILE_BYTES / (1024 * 1024) + " MiB in a test, got " + bytes.length + " bytes");
        long fileId = RANDOM.nextLong();
        int parts = Math.max(1, (bytes.length + PART - 1) / PART);
        for (int i = 0; i < parts; i++) {
            byte[] part = Arrays.copyOfRange(bytes, i * PART, Math.min(bytes.length, (i + 1) * PART));
            call("sendFile", "upload.saveFilePart", Map.of("file_id", fileId, "file_part", i, "bytes", part));
        }
        TlObject file =
                world.object("inputFile", Map.of("id", fileId, "parts", parts, "name", name, "md5_checksum", ""));
        TlObject media = world.object(
                "inputMediaUploadedDocument",
                Map.of(
                        "file",
                        file,
                        "mime_type",
                        MediaInfo.byName(name),
                        "attributes",
                        List.of(world.object("documentAttributeFilename", Map.of("file_name", name)))));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("peer", inputPeer(chat));
        params.put("media", media);
        params.put("message", caption == null ? "" : caption);
        params.put("random_id", RANDOM.nextLong());
        Object r = call("sendFile", "messages.sendMedia", params);
        return message(sentId(r), caption == null ? "" : caption, peerKey(chat));
    }

    /** Upload parts as clients cut them. */
    private static final int PART = 512 * 1024;

    private static final int MAX_FILE_BYTES = 20 * 1024 * 1024;

    /**
     * Joins a public supergroup or channel ({@code @username} or title) as that user's client does
     * ({@code channels.joinChannel}): from then on the user is a member, receives its messages and may write there.
     */
    @HostAccess.Export
    public void join(String chat) {
        String where = "world.user(" + label + ").join(" + chat + ")";
        if (me) throw new IllegalArgumentException(where + ": the account's own joins are the script's to make");
        SandboxChat c = world.chat(chat);
        if (c == null) throw new IllegalArgumentException(where + ": the world has no group or channel " + chat);
        if (!c.isChannelType())
            throw new IllegalArgumentException(where + ": " + chat + " is a basic group, which is joined only by an"
                    + " invite the sandbox does not have; put the user in its members in world.yml");
        TlObject channel = world.object("inputChannel", Map.of("channel_id", c.id(), "access_hash", c.accessHash()));
        call("join(" + chat + ")", "channels.joinChannel", Map.of("channel", channel));
    }

    /** The id of a message in this user's own box: by its world-wide id when known, else as given. */
    private int mine(int id, long globalId, String chat) {
        if (globalId == 0) return id;
        int own = world.idIn(user.id(), globalId);
        return own != 0 ? own : id;
    }

    private String sent(String what, String chat, Map<String, Object> fields, String text) {
        Map<String, Object> params = new LinkedHashMap<>(fields);
        params.put("peer", inputPeer(chat));
        params.put("random_id", RANDOM.nextLong());
        Object r = call(what, "messages.sendMessage", params);
        return message(sentId(r), text, peerKey(chat));
    }

    private Object call(String what, String method, Map<String, Object> params) {
        try {
            return world.call(session, method, params);
        } catch (SandboxRpcError e) {
            throw new IllegalArgumentException("world.user(" + label + ")." + what + ": the sandbox answered "
                    + e.code() + " " + e.errorMessage());
        }
    }

    /** The message id a send's answer gives. */
    private static int sentId(Object r) {
        if (r instanceof TlObject t) {
            if (t.name().equals("updateShortSentMessage")) return t.getInt("id");
            if (t.has("updates")) {
                for (Object u : t.getList("updates")) {
                    if (u instanceof TlObject up
                            && up.has("message")
                            && up.get("message") instanceof TlObject m
                            && m.has("id")) return m.getInt("id");
                }
                for (Object u : t.getList("updates"))
                    if (u instanceof TlObject up && up.name().equals("updateMessageID")) return up.getInt("id");
            }
        }
        return 0;
    }

    /** The chat a test names (null: the private chat with the account). */
    private PeerKey peerKey(String chat) {
        if (chat == null) return PeerKey.user(me ? user.id() : world.account().id());
        SandboxChat c = world.chat(chat);
        if (c != null) return c.key();
        return PeerKey.user(world.user(chat).id());
    }

    private TlObject inputPeer(String chat) {
        if (chat == null) return world.inputPeer(world.account());
        SandboxChat c = world.chat(chat);
        if (c != null) return world.inputPeer(c);
        return world.inputPeer(world.user(chat));
    }

    private String message(int id, String text, PeerKey peer) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("_", "message");
        o.put("id", id);
        long global = peer.isChannel() ? 0 : world.globalId(user.id(), id);
        o.put("global_id", global);
        o.put("text", text);
        o.put("message", text);
        long chatId;
        if (peer.isUser()) chatId = me ? peer.id() : user.id();
        else chatId = peer.isChannel() ? PeerIds.channel(peer.id()) : PeerIds.chat(peer.id());
        o.put("chat_id", chatId);
        o.put("from_id", user.id());
        return TlJson.toJsonString(o, false);
    }
}
