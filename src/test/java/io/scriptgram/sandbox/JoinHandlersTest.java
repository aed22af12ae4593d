package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.BOB;
import static io.scriptgram.sandbox.SandboxHarness.CHANNEL;
import static io.scriptgram.sandbox.SandboxHarness.DAVE;
import static io.scriptgram.sandbox.SandboxHarness.ME;
import static io.scriptgram.sandbox.SandboxHarness.SUPERGROUP;
import static io.scriptgram.sandbox.SandboxHarness.assertRpcError;
import static io.scriptgram.sandbox.SandboxHarness.onlyUpdate;
import static io.scriptgram.sandbox.SandboxHarness.tl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** channels.joinChannel: a user joins a public supergroup or channel, and then reads and writes there. */
class JoinHandlersTest {
    private final SandboxHarness h = new SandboxHarness();

    private TlObject inputChannel(long id) {
        return tl(
                "inputChannel",
                "channel_id",
                id,
                "access_hash",
                h.world.chat(PeerKey.channel(id)).accessHash());
    }

    @Test
    void aUserJoinsAPublicSupergroupAndThenWritesThere() {
        CallContext dave = h.as(DAVE);
        assertFalse(h.world.chat(PeerKey.channel(SUPERGROUP)).hasMember(DAVE));
        // Before joining, Dave may not write there.
        assertRpcError(
                403,
                "CHAT_WRITE_FORBIDDEN",
                () -> h.call(
                        dave,
                        "messages.sendMessage",
                        "peer",
                        h.inputPeerChannel(SUPERGROUP),
                        "message",
                        "hi",
                        "random_id",
                        1L));
        TlObject result = h.obj(dave, "channels.joinChannel", "channel", inputChannel(SUPERGROUP));
        assertEquals("messages.chatInviteJoinResultOk", result.name());
        TlObject answer = result.getObject("updates");
        TlObject u = onlyUpdate(answer);
        assertEquals("updateChannel", u.name());
        assertEquals(SUPERGROUP, u.getLong("channel_id"));
        TlObject chat = (TlObject) answer.getList("chats").getFirst();
        assertFalse(chat.has("left"), "the joiner is a member now: " + chat);
        assertTrue(h.world.chat(PeerKey.channel(SUPERGROUP)).hasMember(DAVE));
        assertFalse(h.pushedTo(BOB).isEmpty(), "a member hears that the supergroup changed");
        h.pushed.clear();
        h.call(dave, "messages.sendMessage", "peer", h.inputPeerChannel(SUPERGROUP), "message", "hi", "random_id", 2L);
        assertFalse(h.pushedTo(ME).isEmpty(), "the account gets Dave's message in the supergroup");
    }

    @Test
    void joiningTwiceIsRefused() {
        CallContext dave = h.as(DAVE);
        h.call(dave, "channels.joinChannel", "channel", inputChannel(CHANNEL));
        assertRpcError(
                400,
                "USER_ALREADY_PARTICIPANT",
                () -> h.call(dave, "channels.joinChannel", "channel", inputChannel(CHANNEL)));
    }

    @Test
    void aWrongAccessHashOrAPrivateChannelIsRefused() {
        CallContext dave = h.as(DAVE);
        assertRpcError(
                400,
                "CHANNEL_INVALID",
                () -> h.call(
                        dave,
                        "channels.joinChannel",
                        "channel",
                        tl("inputChannel", "channel_id", SUPERGROUP, "access_hash", 1L)));
        SandboxChat secret =
                new SandboxChat(SandboxChat.Kind.SUPERGROUP, 4000099, 77L, "Secret", null, ME, List.of(ME), 0);
        synchronized (h.world) {
            h.world.putChat(secret);
        }
        assertRpcError(
                400,
                "CHANNEL_PRIVATE",
                () -> h.call(
                        dave,
                        "channels.joinChannel",
                        "channel",
                        tl("inputChannel", "channel_id", 4000099L, "access_hash", 77L)));
        assertFalse(h.world.chat(PeerKey.channel(4000099)).hasMember(DAVE));
    }
}
