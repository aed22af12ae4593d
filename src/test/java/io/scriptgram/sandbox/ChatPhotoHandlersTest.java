package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ALICE;
import static io.scriptgram.sandbox.SandboxHarness.BOB;
import static io.scriptgram.sandbox.SandboxHarness.CHANNEL;
import static io.scriptgram.sandbox.SandboxHarness.GROUP;
import static io.scriptgram.sandbox.SandboxHarness.ME;
import static io.scriptgram.sandbox.SandboxHarness.SUPERGROUP;
import static io.scriptgram.sandbox.SandboxHarness.assertRpcError;
import static io.scriptgram.sandbox.SandboxHarness.onlyUpdate;
import static io.scriptgram.sandbox.SandboxHarness.tl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.scriptgram.tl.TlObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chat and channel profile photos: the world file's, setting and removing them, the full chat, the download. */
class ChatPhotoHandlersTest {
    private final SandboxHarness h = new SandboxHarness();

    private TlObject inputChannel(long id) {
        return tl(
                "inputChannel",
                "channel_id",
                id,
                "access_hash",
                h.world.chat(PeerKey.channel(id)).accessHash());
    }

    private TlObject chatIn(TlObject answer, long id) {
        for (Object o : answer.getList("chats")) if (((TlObject) o).getLong("id") == id) return (TlObject) o;
        throw new AssertionError("chat " + id + " not in " + answer);
    }

    private byte[] download(CallContext ctx, TlObject inputPeer, long photoId, boolean big) {
        TlObject loc =
                tl("inputPeerPhotoFileLocation", "big", big ? true : null, "peer", inputPeer, "photo_id", photoId);
        return h.obj(ctx, "upload.getFile", "location", loc, "offset", 0L, "limit", 1024 * 1024)
                .getBytes("bytes");
    }

    @Test
    void theWorldFilesChatPhotosAreInTheChatTheFullChatAndDownload() {
        CallContext me = h.as(ME);
        TlObject full = h.obj(me, "messages.getFullChat", "chat_id", GROUP);
        TlObject chat = chatIn(full, GROUP);
        TlObject photo = chat.getObject("photo");
        assertEquals("chatPhoto", photo.name());
        TlObject chatPhoto = full.getObject("full_chat").getObject("chat_photo");
        assertEquals(photo.getLong("photo_id"), chatPhoto.getLong("id"));
        assertEquals(
                List.of("i", "a", "b", "c"), // i: the stripped thumbnail
                chatPhoto.getList("sizes").stream()
                        .map(s -> ((TlObject) s).getString("type"))
                        .toList());
        byte[] big = download(me, tl("inputPeerChat", "chat_id", GROUP), photo.getLong("photo_id"), true);
        byte[] small = download(me, tl("inputPeerChat", "chat_id", GROUP), photo.getLong("photo_id"), false);
        assertEquals(640, PhotoScaler.read(big).getWidth());
        assertEquals(160, PhotoScaler.read(small).getWidth());

        TlObject channel = h.obj(me, "channels.getFullChannel", "channel", inputChannel(CHANNEL));
        TlObject cp = channel.getObject("full_chat").getObject("chat_photo");
        assertEquals("photo", cp.name());
        assertEquals(chatIn(channel, CHANNEL).getObject("photo").getLong("photo_id"), cp.getLong("id"));
        assertEquals(3, channel.getObject("full_chat").getInt("participants_count"));
        // Carol, on DC 2, made Sandbox News: its photo lives on DC 2, as Telegram keeps a file where it was made.
        assertRpcError(303, "FILE_MIGRATE_2", () -> download(me, h.inputPeerChannel(CHANNEL), cp.getLong("id"), true));
        CallContext onDc2 = CallContext.loggedIn(SandboxHarness.SCHEMA, 2, h.sink, h.world.user(ME));
        assertEquals(
                640,
                PhotoScaler.read(download(onDc2, h.inputPeerChannel(CHANNEL), cp.getLong("id"), true))
                        .getWidth());

        TlObject none = h.obj(me, "channels.getFullChannel", "channel", inputChannel(SUPERGROUP));
        assertEquals(
                "photoEmpty",
                none.getObject("full_chat").getObject("chat_photo").name());
        assertEquals(
                "chatPhotoEmpty", chatIn(none, SUPERGROUP).getObject("photo").name());
    }

    @Test
    void settingAChatPhotoTellsEveryMemberAndRemovingItToo() {
        CallContext alice = h.as(ALICE);
        byte[] picture = PhotoScaler.generated(0x22aa55, 300);
        h.call(alice, "upload.saveFilePart", "file_id", 5L, "file_part", 0, "bytes", picture);
        TlObject file = tl("inputFile", "id", 5L, "parts", 1, "name", "p.jpg", "md5_checksum", "");
        TlObject answer = h.obj(
                alice, "messages.editChatPhoto", "chat_id", GROUP, "photo", tl("inputChatUploadedPhoto", "file", file));
        assertEquals("updateChat", onlyUpdate(answer).name());
        long id = chatIn(answer, GROUP).getObject("photo").getLong("photo_id");
        assertEquals(id, h.world.files.profilePhoto(PeerKey.chat(GROUP)).id());
        for (long member : List.of(ME, BOB)) {
            List<SandboxHarness.Pushed> got = h.pushedTo(member);
            TlObject last = got.get(got.size() - 1).updates();
            assertEquals("updateChat", onlyUpdate(last).name(), "member " + member);
            assertEquals(id, chatIn(last, GROUP).getObject("photo").getLong("photo_id"));
        }
        assertArrayEquals(picture, download(h.as(ME), tl("inputPeerChat", "chat_id", GROUP), id, true));

        h.obj(alice, "messages.editChatPhoto", "chat_id", GROUP, "photo", tl("inputChatPhotoEmpty"));
        List<SandboxHarness.Pushed> got = h.pushedTo(ME);
        assertEquals(
                "chatPhotoEmpty",
                chatIn(got.get(got.size() - 1).updates(), GROUP)
                        .getObject("photo")
                        .name());
        assertRpcError(
                400,
                "CHAT_NOT_MODIFIED",
                () -> h.call(alice, "messages.editChatPhoto", "chat_id", GROUP, "photo", tl("inputChatPhotoEmpty")));
    }

    @Test
    void onlyTheCreatorChangesAChannelsPhoto() {
        // Carol created Sandbox News; the account is a member only.
        assertRpcError(
                400,
                "CHAT_ADMIN_REQUIRED",
                () -> h.call(
                        h.as(ME),
                        "channels.editPhoto",
                        "channel",
                        inputChannel(CHANNEL),
                        "photo",
                        tl("inputChatPhotoEmpty")));
        TlObject answer = h.obj(
                h.as(SandboxHarness.CAROL),
                "channels.editPhoto",
                "channel",
                inputChannel(CHANNEL),
                "photo",
                tl("inputChatPhotoEmpty"));
        assertEquals("updateChannel", onlyUpdate(answer).name());
        assertNull(h.world.files.profilePhoto(PeerKey.channel(CHANNEL)));
    }
}
