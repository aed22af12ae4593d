package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.assertContainsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorldLoaderTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    private static World load(String yaml) {
        return WorldLoader.load(yaml, "test.yml", CLOCK, new SplittableRandom(1));
    }

    private static final String MINIMAL = """
            account: "+999 66 1 0001"
            users:
              - {id: 1, first_name: Me, phone: "9996610001", username: me_here}
              - {id: 2, first_name: Pal, phone: "9996610002", username: pal}
            """;

    @Test
    void defaultWorldHasWhatTheIssueAsksFor() {
        World w = WorldLoader.loadDefault(CLOCK, new SplittableRandom(1));
        SandboxUser me = w.user(w.accountId());
        assertEquals("9996611234", me.phone());
        assertTrue(me.phone().startsWith("99966"), "a Telegram test number");
        assertEquals("12345", w.loginCode());
        assertEquals(List.of(1, 2), w.dcs().stream().map(DcInfo::id).toList());
        assertNotNull(w.userByUsername("alice"));
        assertNotNull(w.userByUsername("bob"));
        assertTrue(w.contacts(me.id())
                .containsAll(List.of(
                        w.userByUsername("alice").id(), w.userByUsername("bob").id())));
        assertEquals(2, w.userByUsername("carol").homeDc());
        assertTrue(w.userByUsername("dave_2fa").hasPassword());
        assertTrue(w.userByUsername("sandbox_echo_bot").bot());
        List<SandboxChat.Kind> kinds = w.chats().stream().map(SandboxChat::kind).toList();
        assertEquals(List.of(SandboxChat.Kind.GROUP, SandboxChat.Kind.SUPERGROUP, SandboxChat.Kind.CHANNEL), kinds);
        for (SandboxChat c : w.chats()) {
            PeerKey k = c.key();
            int n = c.isChannelType()
                    ? w.channelBox(c.id()).history(k).size()
                    : w.box(me.id()).history(k).size();
            assertTrue(n >= 3, c.title() + " has history");
        }
        assertEquals(3, w.topPeers(me.id(), "correspondents").size());
        // The secret password never shows in printed objects.
        assertTrue(!w.userByUsername("dave_2fa").toString().contains("sandbox-password"));
    }

    @Test
    void minimalWorldLoadsWithDefaults() {
        World w = load(MINIMAL);
        assertEquals(1, w.accountId());
        assertEquals("12345", w.loginCode());
        assertEquals(2, w.dcs().size());
        assertEquals(1, w.user(2).homeDc());
    }

    @Test
    void messagesGetIdsPerBoxAndMayFixThem() {
        World w = load(MINIMAL + """
                messages:
                  - {to: "@pal", text: one, id: 10}
                  - {from: "@pal", to: me, text: two}
                """);
        List<SandboxMessage> mine = w.box(1).history(PeerKey.user(2));
        assertEquals(List.of(11, 10), mine.stream().map(SandboxMessage::id).toList());
        List<SandboxMessage> theirs = w.box(2).history(PeerKey.user(1));
        assertEquals(List.of(2, 1), theirs.stream().map(SandboxMessage::id).toList());
        assertTrue(theirs.get(1).text().equals("one") && !theirs.get(1).out());
    }

    @Test
    void theCdnIsSwitchedOnWithItsFaultsFromTheWorldFile() {
        World off = load(MINIMAL);
        SandboxDocument small = new SandboxDocument(1, 1, new byte[] {1}, 0, "x/y", "a", 1, new byte[10]);
        SandboxDocument big = new SandboxDocument(2, 1, new byte[] {1}, 0, "x/y", "b", 1, new byte[100]);
        assertTrue(!off.cdn().serves(big), "off unless the world says so");
        World on = load(MINIMAL + "cdn: {serve_from: 50, faults: [\"cdn_tamper:2\", cdn_wrong_key]}\n");
        assertTrue(on.cdn().serves(big) && !on.cdn().serves(small));
        Faults f = Handlers.standard(on, new Faults()).faults();
        assertTrue(f.cdnWrongKey());
        assertTrue(f.takeCdnTamper(), "the first part tampered");
        assertTrue(f.takeCdnTamper(), "and the second");
        assertTrue(!f.takeCdnTamper(), "no third");
        assertTrue(load(MINIMAL + "cdn: {}\n").cdn().serves(small), "serve_from defaults to every document");
    }

    @Test
    void chatsGetTheirPhotoFromTheWorldFile() {
        World w = load(MINIMAL + "chats:\n  - {id: 5, title: T, members: [me, \"@pal\"], photo: \"#3A7BD5\"}\n"
                + "  - {id: 6, title: U, members: [me]}\n");
        SandboxPhoto p = w.files.profilePhoto(PeerKey.chat(5));
        assertEquals(
                List.of("a", "b", "c"),
                p.sizes().stream().map(SandboxPhoto.Size::type).toList());
        assertEquals(640, p.largest().w());
        assertNotNull(p.stripped());
        assertEquals(null, w.files.profilePhoto(PeerKey.chat(6)));
    }

    @Test
    void malformedFixturesAreRefusedNamingTheKey() {
        Map<String, String[]> bad = new LinkedHashMap<>();
        bad.put("users: [", new String[] {"test.yml: not valid YAML"});
        bad.put("- just a list", new String[] {"test.yml: expected a mapping"});
        bad.put(
                MINIMAL.replace("account: \"+999 66 1 0001\"", "account: \"+1 555\""),
                new String[] {"account", "no user has phone 1555"});
        bad.put(
                MINIMAL.replace("{id: 2, first_name: Pal", "{id: 1, first_name: Pal"),
                new String[] {"users[1].id", "used twice"});
        bad.put(MINIMAL.replace("first_name: Pal", "first_name: Pal, dc: 3"), new String[] {"users[1].dc", "no DC 3"});
        bad.put(
                MINIMAL.replace("first_name: Pal", "frist_name: Pal"),
                new String[] {"users[1].first_name", "expected a text value"});
        bad.put(
                MINIMAL.replace("first_name: Pal,", "first_name: Pal, nickname: p,"),
                new String[] {"users[1].nickname", "unknown key"});
        bad.put(
                MINIMAL.replace("username: pal", "username: \"p-l\""),
                new String[] {"users[1].username", "not a valid username"});
        bad.put(MINIMAL.replace("username: pal", "username: me_here"), new String[] {"users[1].username", "used twice"
        });
        bad.put(MINIMAL.replace("id: 2,", "id: two,"), new String[] {"users[1].id", "expected a whole number"});
        bad.put(MINIMAL + "contacts: [\"@nobody\"]\n", new String[] {"contacts", "no such peer \"@nobody\""});
        bad.put(
                MINIMAL + "chats:\n  - {id: 5, type: forum, title: T, members: [me]}\n",
                new String[] {"chats[0].type", "group, supergroup or channel"});
        bad.put(MINIMAL + "chats:\n  - {id: 5, title: T}\n", new String[] {"chats[0].members", "at least one member"});
        bad.put(
                MINIMAL + "chats:\n  - {id: 5, title: T, members: [me], access_hash: 3}\n",
                new String[] {"chats[0].access_hash", "no access hash"});
        bad.put(MINIMAL + "messages:\n  - {to: \"@pal\"}\n", new String[] {"messages[0].text", "expected a text value"
        });
        bad.put(
                MINIMAL + "messages:\n  - {to: \"chat:9\", text: x}\n",
                new String[] {"messages[0].to", "no such peer \"chat:9\""});
        bad.put(MINIMAL + "messages:\n  - {to: pal, text: x}\n", new String[] {"messages[0].to", "is not a peer"});
        bad.put(
                MINIMAL + "messages:\n  - {to: \"@pal\", text: a, id: 5}\n  - {to: \"@pal\", text: b, id: 5}\n",
                new String[] {"messages[1].id", "must grow"});
        bad.put(
                MINIMAL + "chats:\n  - {id: 5, title: T, members: [me]}\nmessages:\n  - {from: \"@pal\", "
                        + "to: \"chat:5\", text: x}\n",
                new String[] {"messages[0].from", "not a member"});
        bad.put(MINIMAL + "top_peers:\n  favourites: []\n", new String[] {"top_peers.favourites", "unknown category"});
        bad.put(
                MINIMAL + "top_peers:\n  correspondents: [{peer: \"@pal\"}]\n",
                new String[] {"top_peers.correspondents[0].rating", "expected a number"});
        bad.put(MINIMAL + "login_code: abc\n", new String[] {"login_code", "4 to 8 digits"});
        bad.put(MINIMAL + "dcs:\n  - {id: 1}\n  - {id: 1}\n", new String[] {"dcs[1].id", "listed twice"});
        bad.put(
                MINIMAL + "dialogs:\n  - {peer: \"@pal\", unread: 3}\n",
                new String[] {"dialogs[0].unread", "only 0 incoming"});
        bad.put(MINIMAL + "extra: 1\n", new String[] {"extra", "unknown key"});
        bad.put(
                MINIMAL + "chats:\n  - {id: 5, title: T, members: [me], photo: blue}\n",
                new String[] {"chats[0].photo", "expected a colour as \"#rrggbb\", got \"blue\""});
        bad.put(MINIMAL + "cdn: {serve_from: -1}\n", new String[] {"cdn.serve_from", "a size in bytes"});
        bad.put(MINIMAL + "cdn: {faults: [\"drop:3\"]}\n", new String[] {"cdn.faults", "'drop:3' is not a CDN fault"});
        bad.put(MINIMAL + "cdn: {faults: [\"cdn_tamper:x\"]}\n", new String[] {"cdn.faults", "fault 'cdn_tamper:x'"});
        bad.put(MINIMAL + "cdn: {from: 3}\n", new String[] {"cdn.from", "unknown key"});
        bad.put(MINIMAL + "cdn: on\n", new String[] {"cdn", "a mapping"});
        bad.forEach((yaml, expected) -> {
            WorldException e = assertThrows(WorldException.class, () -> load(yaml), yaml);
            assertContainsAll(e.getMessage(), expected);
        });
    }
}
