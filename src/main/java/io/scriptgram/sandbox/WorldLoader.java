package io.scriptgram.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Builds a {@link World} from a YAML fixture (the bundled {@value #DEFAULT_RESOURCE} or a caller's text). Peers are
 * referred to as {@code me} (the account), {@code @username}, {@code user:ID}, {@code chat:ID}, {@code channel:ID} or a
 * bare user id. Every mistake is a {@link WorldException} naming the key path and what was expected.
 */
public final class WorldLoader {
    public static final String DEFAULT_RESOURCE = "/io/scriptgram/sandbox/world.yml";
    private static final String TOP_KEYS =
            "login_code, account, dcs, users, contacts, chats, messages, dialogs, top_peers, answering, cdn";

    private final String source;
    private final FixtureNode root;
    private World world;
    private SandboxUser account;

    private WorldLoader(String source, FixtureNode root) {
        this.source = source;
        this.root = root;
    }

    /** The bundled default world. */
    public static World loadDefault(InstantSource clock, RandomGenerator random) {
        try (InputStream in = WorldLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null)
                throw new WorldException("bundled world " + DEFAULT_RESOURCE + " is missing from the build");
            return load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "world.yml (bundled)", clock, random);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A world from fixture text; {@code source} names it in errors (a file name). */
    public static World load(String yaml, String source, InstantSource clock, RandomGenerator random) {
        Object doc;
        try {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(false);
            opts.setMaxAliasesForCollections(20);
            doc = new Yaml(new SafeConstructor(opts)).load(yaml);
        } catch (YAMLException e) {
            throw new WorldException(
                    source + ": not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        if (!(doc instanceof Map<?, ?> m))
            throw new WorldException(source + ": expected a mapping with keys " + TOP_KEYS);
        WorldLoader l = new WorldLoader(source, new FixtureNode(source, "", m));
        l.build(clock, random);
        return l.world;
    }

    private void build(InstantSource clock, RandomGenerator random) {
        String code = root.string("login_code", "12345");
        if (!code.matches("\\d{4,8}")) throw root.error("login_code", "expected 4 to 8 digits, got \"" + code + "\"");
        List<DcInfo> dcs = dcs();
        List<FixtureNode> userNodes = root.nodes("users");
        if (userNodes.isEmpty()) throw root.error("users", "expected at least one user (the account)");
        String accountPhone = Phones.digits(root.requiredString("account"));
        List<SandboxUser> users = users(userNodes, dcs, random);
        for (SandboxUser u : users) if (accountPhone.equals(u.phone())) account = u;
        if (account == null) throw root.error("account", "no user has phone " + accountPhone);
        world = new World(clock, random, account.id(), code, dcs);
        for (SandboxUser u : users) world.putUser(u);
        for (String c : root.strings("contacts")) {
            PeerKey k = peer(root, "contacts", c);
            if (!k.isUser()) throw root.error("contacts", "\"" + c + "\" is not a user");
            world.addContact(account.id(), k.id());
            world.addContact(k.id(), account.id());
        }
        chats(random);
        messages();
        dialogs();
        topPeers();
        world.setAnswering(AnsweringContacts.parse(root.nodes("answering"), (n, ref) -> peer(n, "peer", ref)));
        cdn();
        root.finish(TOP_KEYS);
    }

    /**
     * {@code cdn: {serve_from: BYTES, faults: [cdn_tamper:N, cdn_wrong_key]}}: documents of at least {@code serve_from}
     * bytes (0: all) are downloaded through the CDN DC; {@code faults} are the CDN's {@code --fault} specs.
     */
    private void cdn() {
        FixtureNode n = root.node("cdn");
        if (n == null) return;
        long from = n.longValue("serve_from", 0);
        if (from < 0) throw n.error("serve_from", "expected a size in bytes (0: every document), got " + from);
        List<String> faults = n.strings("faults");
        for (String f : faults) {
            if (!f.startsWith("cdn_"))
                throw n.error("faults", "'" + f + "' is not a CDN fault (cdn_tamper[:N], cdn_wrong_key)");
            try {
                Faults.parse(f);
            } catch (IllegalArgumentException e) {
                throw n.error("faults", e.getMessage());
            }
        }
        world.cdn().serveFrom(from);
        world.setCdnFaults(faults);
        n.finish("serve_from, faults");
    }

    private List<DcInfo> dcs() {
        List<DcInfo> out = new ArrayList<>();
        List<FixtureNode> nodes = root.nodes("dcs");
        if (nodes.isEmpty()) return List.of(new DcInfo(1, "127.0.0.1", 0), new DcInfo(2, "127.0.0.1", 0));
        Set<Integer> seen = new HashSet<>();
        for (FixtureNode n : nodes) {
            int id = n.intValue("id", 0, 1, 1000);
            if (!seen.add(id)) throw n.error("id", "DC " + id + " is listed twice");
            out.add(new DcInfo(id, n.string("ip", "127.0.0.1"), n.intValue("port", 0, 0, 65535)));
            n.finish("id, ip, port");
        }
        return out;
    }

    private List<SandboxUser> users(List<FixtureNode> nodes, List<DcInfo> dcs, RandomGenerator random) {
        List<SandboxUser> out = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        Set<String> names = new HashSet<>(), phones = new HashSet<>();
        for (FixtureNode n : nodes) {
            long id = n.requiredLong("id");
            if (id <= 0 || !ids.add(id))
                throw n.error("id", id <= 0 ? "expected a positive id, got " + id : "user id " + id + " is used twice");
            List<String> usernames = n.strings("username");
            for (String u : usernames) {
                if (!u.matches("[A-Za-z][A-Za-z0-9_]{2,31}"))
                    throw n.error(
                            "username",
                            "\"" + u + "\" is not a valid username (3-32 letters, digits, _; a letter first)");
                if (!names.add(u.toLowerCase())) throw n.error("username", "@" + u + " is used twice");
            }
            String phone = n.has("phone") ? Phones.digits(n.string("phone", "")) : null;
            if (phone != null && (phone.length() < 5 || phone.length() > 15))
                throw n.error("phone", "expected 5 to 15 digits");
            if (phone != null && !phones.add(phone)) throw n.error("phone", "phone " + phone + " is used twice");
            int dc = n.intValue("dc", dcs.get(0).id(), 1, 1000);
            if (dcs.stream().noneMatch(d -> d.id() == dc)) throw n.error("dc", "no DC " + dc + " in dcs");
            boolean bot = n.bool("bot", false);
            String token = n.string("bot_token", null);
            if (token != null && !bot) throw n.error("bot_token", "only bots (bot: true) have a token");
            long hash = n.has("access_hash") ? n.longValue("access_hash", 0) : random.nextLong();
            out.add(new SandboxUser(
                    id,
                    hash,
                    n.requiredString("first_name"),
                    n.string("last_name", ""),
                    usernames,
                    phone,
                    dc,
                    n.string("password", null),
                    n.string("password_hint", null),
                    bot,
                    token));
            n.finish("id, access_hash, first_name, last_name, username, phone, dc, password, "
                    + "password_hint, bot, bot_token");
        }
        return out;
    }

    private void chats(RandomGenerator random) {
        for (FixtureNode n : root.nodes("chats")) {
            long id = n.requiredLong("id");
            String type = n.string("type", "group");
            SandboxChat.Kind kind = switch (type) {
                case "group" -> SandboxChat.Kind.GROUP;
                case "supergroup" -> SandboxChat.Kind.SUPERGROUP;
                case "channel" -> SandboxChat.Kind.CHANNEL;
                default -> throw n.error("type", "expected group, supergroup or channel, got \"" + type + "\"");
            };
            PeerKey key = kind == SandboxChat.Kind.GROUP ? PeerKey.chat(id) : PeerKey.channel(id);
            if (world.chat(key) != null) throw n.error("id", key + " is listed twice");
            List<Long> members = new ArrayList<>();
            for (String m : n.strings("members")) {
                PeerKey p = peer(n, "members", m);
                if (!p.isUser()) throw n.error("members", "\"" + m + "\" is not a user");
                if (!members.contains(p.id())) members.add(p.id());
            }
            if (members.isEmpty()) throw n.error("members", "expected at least one member");
            long creator = n.has("creator")
                    ? peer(n, "creator", n.string("creator", "")).id()
                    : members.get(0);
            if (!members.contains(creator)) throw n.error("creator", "the creator must be a member");
            String username = n.string("username", null);
            if (username != null && kind == SandboxChat.Kind.GROUP)
                throw n.error("username", "basic groups have no username");
            if (username != null
                    && (world.userByUsername(username) != null || world.chatByUsername(username) != null)) {
                throw n.error("username", "@" + username + " is used twice");
            }
            long hash = kind == SandboxChat.Kind.GROUP
                    ? 0
                    : n.has("access_hash") ? n.longValue("access_hash", 0) : random.nextLong();
            if (kind == SandboxChat.Kind.GROUP && n.has("access_hash"))
                throw n.error("access_hash", "basic groups have no access hash");
            world.putChat(new SandboxChat(
                    kind,
                    id,
                    hash,
                    n.requiredString("title"),
                    username,
                    creator,
                    members,
                    n.intValue("date", world.now() - 30 * 86_400, 0, Integer.MAX_VALUE)));
            if (n.has("photo")) chatPhoto(n, key, creator);
            n.finish("id, type, title, username, access_hash, creator, members, date, photo");
        }
    }

    /** {@code photo: "#rrggbb"}: the chat's profile photo, a 640 px picture in that colour. */
    private void chatPhoto(FixtureNode n, PeerKey chat, long creator) {
        String colour = n.string("photo", "");
        if (!colour.matches("#[0-9A-Fa-f]{6}"))
            throw n.error("photo", "expected a colour as \"#rrggbb\", got \"" + colour + "\"");
        // Made once per colour: many tests load a world, and scaling the picture is the slow part.
        SandboxPhoto made = GENERATED.computeIfAbsent(colour.toLowerCase(Locale.ROOT), c -> {
            byte[] jpeg = PhotoScaler.generated(Integer.parseInt(c.substring(1), 16), 640);
            return new SandboxPhoto(
                    0,
                    0,
                    new byte[0],
                    0,
                    0,
                    PhotoScaler.sizes(jpeg, PhotoScaler.PROFILE_TYPES, PhotoScaler.PROFILE_BOXES),
                    PhotoScaler.stripped(jpeg));
        });
        SandboxPhoto p = new SandboxPhoto(
                world.randomLong(),
                world.randomLong(),
                FileStore.newReference(world.random),
                world.now(),
                world.user(creator).homeDc(),
                made.sizes(),
                made.stripped());
        world.files.putPhoto(p);
        world.files.setProfilePhoto(chat, p.id());
    }

    private void messages() {
        int date = world.now() - 86_400;
        for (FixtureNode n : root.nodes("messages")) {
            PeerKey from = n.has("from") ? peer(n, "from", n.string("from", "")) : PeerKey.user(account.id());
            if (!from.isUser()) throw n.error("from", "the sender must be a user");
            PeerKey to = peer(n, "to", n.requiredString("to"));
            SandboxChat chat = to.isUser() ? null : world.chat(to);
            if (n.has("generate")) { // many messages from one entry (GeneratedMessages)
                List<PeerKey> senders = new ArrayList<>();
                for (String s : n.node("generate").strings("from")) senders.add(peer(n, "generate", s));
                date = GeneratedMessages.deliver(world, n, to, chat, account.id(), senders);
                n.finish("to, generate, date");
                continue;
            }
            if (chat != null && !chat.hasMember(from.id()))
                throw n.error("from", "the sender is not a member of " + to);
            date = n.intValue("date", date + 60, 0, Integer.MAX_VALUE);
            int id = n.intValue("id", 0, 0, Integer.MAX_VALUE);
            long idOwner =
                    to.isUser() && from.id() != account.id() && to.id() != account.id() ? from.id() : account.id();
            MessageBox box = to.isChannel() ? world.channelBox(to.id()) : world.box(idOwner);
            if (id != 0 && id <= box.lastId())
                throw n.error("id", "message ids must grow: " + id + " after " + box.lastId());
            Messaging.deliver(world, from.id(), to, n.requiredString("text"), 0, date, id, idOwner, false);
            n.finish("from, to, text, date, id");
        }
        // A fixture's past is read unless a dialog entry says otherwise.
        for (SandboxUser u : world.users()) {
            MessageBox b = world.box(u.id());
            for (SandboxMessage m : b.history(null)) {
                b.setReadInbox(m.peer(), m.id());
                b.setReadOutbox(m.peer(), m.id());
            }
            for (SandboxChat c : world.chats()) {
                SandboxMessage top = c.isChannelType() && c.hasMember(u.id())
                        ? world.channelBox(c.id()).top(c.key())
                        : null;
                if (top != null) b.setReadInbox(c.key(), top.id());
            }
        }
    }

    private void dialogs() {
        for (FixtureNode n : root.nodes("dialogs")) {
            PeerKey p = peer(n, "peer", n.requiredString("peer"));
            if (n.bool("pinned", false)) world.pin(account.id(), p);
            int unread = n.intValue("unread", 0, 0, Integer.MAX_VALUE);
            if (unread > 0) markUnread(n, p, unread);
            n.finish("peer, pinned, unread");
        }
    }

    /** Moves the account's read mark back so the last {@code unread} incoming messages of {@code p} are unread. */
    private void markUnread(FixtureNode n, PeerKey p, int unread) {
        List<SandboxMessage> history = p.isChannel()
                ? world.channelBox(p.id()).history(p)
                : world.box(account.id()).history(p);
        int seen = 0;
        for (SandboxMessage m : history) {
            boolean incoming = p.isChannel() ? m.fromId() != account.id() : !m.out();
            if (!incoming) continue;
            if (++seen == unread) {
                resetReadInbox(p, m.id() - 1);
                return;
            }
        }
        throw n.error("unread", "only " + seen + " incoming messages with " + p);
    }

    private void resetReadInbox(PeerKey p, int mark) {
        world.box(account.id()).resetReadInbox(p, mark);
    }

    private void topPeers() {
        FixtureNode n = root.node("top_peers");
        if (n == null) return;
        for (String category : n.keys()) {
            if (!ContactsHandlers.CATEGORIES.containsKey(category)) {
                throw n.error(
                        category,
                        "unknown category (known: " + String.join(", ", ContactsHandlers.CATEGORIES.keySet()) + ")");
            }
            List<World.TopPeerRating> list = new ArrayList<>();
            for (FixtureNode e : n.nodes(category)) {
                list.add(new World.TopPeerRating(peer(e, "peer", e.requiredString("peer")), e.doubleValue("rating")));
                e.finish("peer, rating");
            }
            world.setTopPeers(account.id(), category, list);
        }
    }

    private final Map<String, PeerKey> cache = new HashMap<>();
    private static final Map<String, SandboxPhoto> GENERATED = new ConcurrentHashMap<>();

    /** Resolves a peer reference; an unknown one is an error naming where it was. */
    private PeerKey peer(FixtureNode n, String key, String ref) {
        String r = ref.trim();
        PeerKey k = cache.get(r);
        if (k != null) return k;
        if (r.equals("me")) k = account == null ? null : PeerKey.user(account.id());
        else if (r.startsWith("@")) {
            SandboxUser u = world == null ? null : world.userByUsername(r.substring(1));
            SandboxChat c = u == null && world != null ? world.chatByUsername(r.substring(1)) : null;
            k = u != null ? PeerKey.user(u.id()) : c != null ? c.key() : null;
        } else if (r.matches("(user:|chat:|channel:)?\\d{1,18}")) {
            String[] parts = r.contains(":") ? r.split(":") : new String[] {"user", r};
            long id = Long.parseLong(parts[1]);
            k = switch (parts[0]) {
                case "user" -> world.user(id) != null ? PeerKey.user(id) : null;
                case "chat" -> world.chat(PeerKey.chat(id)) != null ? PeerKey.chat(id) : null;
                default -> world.chat(PeerKey.channel(id)) != null ? PeerKey.channel(id) : null;
            };
        } else {
            throw n.error(key, "\"" + ref + "\" is not a peer (me, @username, user:ID, chat:ID or channel:ID)");
        }
        if (k == null) throw n.error(key, "no such peer \"" + ref + "\" in the world");
        cache.put(r, k);
        return k;
    }
}
