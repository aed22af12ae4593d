package io.scriptgram.sandbox;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The sandbox's Telegram in memory: users, chats, message boxes, contacts, top peers, DCs, files and pending logins.
 * Every method is {@code synchronized} on the world, and {@link Handlers} holds that lock for a whole call, so calls
 * from several connections see one consistent state. Load one with {@link WorldLoader}.
 */
public final class World {
    /** A top-peer rating: a peer and its score in one category. */
    public record TopPeerRating(PeerKey peer, double rating) {}

    final InstantSource clock;
    final RandomGenerator random;
    private final long accountId;
    private String loginCode;
    private final List<DcInfo> dcs = new ArrayList<>();
    private final Map<Integer, DcInfo> dcsIpv6 = new LinkedHashMap<>();
    final Map<Long, SandboxUser> users = new LinkedHashMap<>();
    final Map<PeerKey, SandboxChat> chats = new LinkedHashMap<>();
    private final Map<Long, MessageBox> userBoxes = new HashMap<>();
    private final Map<Long, MessageBox> channelBoxes = new HashMap<>();
    private final Map<Long, Set<Long>> contacts = new HashMap<>();
    private final Map<Long, Map<String, List<TopPeerRating>>> topPeers = new HashMap<>();
    private final Map<Long, Set<PeerKey>> pinned = new HashMap<>();
    final FileStore files = new FileStore();
    /** Entities, replies, edits, keyboards, reactions and pins of messages (MessageExtras). */
    final MessageExtras extras = new MessageExtras();

    final Logins logins = new Logins();
    final Passwords passwords = new Passwords();
    private long nextGlobalId = 1;

    World(InstantSource clock, RandomGenerator random, long accountId, String loginCode, List<DcInfo> dcs) {
        this.clock = clock;
        this.random = random;
        this.accountId = accountId;
        this.loginCode = loginCode;
        this.dcs.addAll(dcs);
    }

    /** Now as Telegram dates: unix seconds. */
    public synchronized int now() {
        return (int) (clock.millis() / 1000);
    }

    /** The user scripts log in as (contacts, dialogs and top peers of the fixture belong to it). */
    public long accountId() {
        return accountId;
    }

    /** The code every phone receives from auth.sendCode. Not printed by toString. */
    /**
     * Expires every file reference now, as Telegram does after a while: downloads with an old one get
     * FILE_REFERENCE_EXPIRED, and fetching the message again gives the new one.
     */
    public synchronized void renewFileReferences() {
        files.renewReferences(random);
    }

    public synchronized String loginCode() {
        return loginCode;
    }

    public synchronized void setLoginCode(String code) {
        if (code == null || !code.matches("\\d{4,8}"))
            throw new IllegalArgumentException("login code must be 4 to 8 digits");
        this.loginCode = code;
    }

    public synchronized List<DcInfo> dcs() {
        return List.copyOf(dcs);
    }

    public synchronized DcInfo dc(int id) {
        for (DcInfo d : dcs) if (d.id() == id) return d;
        return null;
    }

    /** Where DC {@code id} listens; the server calls this once it has bound its port. */
    public synchronized void setDcAddress(int id, String ip, int port) {
        for (int i = 0; i < dcs.size(); i++) {
            if (dcs.get(i).id() == id) {
                dcs.set(i, new DcInfo(id, ip, port));
                return;
            }
        }
        throw new IllegalArgumentException("no DC " + id + " in the world (DCs: " + dcIds() + ")");
    }

    /**
     * DCs that also listen on IPv6 ({@link SandboxServer#listenIpv6()}): help.getConfig lists them with the ipv6 flag.
     */
    public synchronized List<DcInfo> dcsIpv6() {
        return List.copyOf(dcsIpv6.values());
    }

    public synchronized void setDcAddressIpv6(int id, String ip, int port) {
        if (dc(id) == null) throw new IllegalArgumentException("no DC " + id + " in the world (DCs: " + dcIds() + ")");
        dcsIpv6.put(id, new DcInfo(id, ip, port));
    }

    private List<Integer> dcIds() {
        List<Integer> ids = new ArrayList<>();
        for (DcInfo d : dcs) ids.add(d.id());
        return ids;
    }

    // ---- users and chats ----

    public synchronized SandboxUser user(long id) {
        return users.get(id);
    }

    public synchronized SandboxUser userByPhone(String phone) {
        String digits = Phones.digits(phone);
        for (SandboxUser u : users.values()) if (u.phone() != null && u.phone().equals(digits)) return u;
        return null;
    }

    public synchronized SandboxUser userByUsername(String username) {
        for (SandboxUser u : users.values()) {
            for (String n : u.usernames()) if (n.equalsIgnoreCase(username)) return u;
        }
        return null;
    }

    public synchronized SandboxChat chatByUsername(String username) {
        for (SandboxChat c : chats.values())
            if (c.username() != null && c.username().equalsIgnoreCase(username)) return c;
        return null;
    }

    public synchronized List<SandboxUser> users() {
        return List.copyOf(users.values());
    }

    public synchronized SandboxChat chat(PeerKey key) {
        return chats.get(key);
    }

    public synchronized List<SandboxChat> chats() {
        return List.copyOf(chats.values());
    }

    synchronized void putUser(SandboxUser u) {
        users.put(u.id(), u);
    }

    synchronized void putChat(SandboxChat c) {
        chats.put(c.key(), c);
    }

    /** A new id not used by any user or chat. */
    synchronized long newPeerId() {
        long id;
        do id = 5_000_000_000L + random.nextLong(1_000_000_000L);
        while (users.containsKey(id) || chats.containsKey(PeerKey.chat(id)) || chats.containsKey(PeerKey.channel(id)));
        return id;
    }

    /** A non-zero random long (access hashes, document ids). */
    synchronized long randomLong() {
        long v;
        do v = random.nextLong();
        while (v == 0);
        return v;
    }

    // ---- contacts, top peers, pins ----

    public synchronized List<Long> contacts(long userId) {
        return List.copyOf(contacts.getOrDefault(userId, Set.of()));
    }

    public synchronized boolean isContact(long ownerId, long userId) {
        return contacts.getOrDefault(ownerId, Set.of()).contains(userId);
    }

    synchronized void addContact(long ownerId, long userId) {
        contacts.computeIfAbsent(ownerId, k -> new LinkedHashSet<>()).add(userId);
    }

    /**
     * Top peers of {@code userId} in a category named as getTopPeers' flag ({@code correspondents}, {@code groups}…).
     */
    public synchronized List<TopPeerRating> topPeers(long userId, String category) {
        return List.copyOf(topPeers.getOrDefault(userId, Map.of()).getOrDefault(category, List.of()));
    }

    synchronized void setTopPeers(long userId, String category, List<TopPeerRating> peers) {
        List<TopPeerRating> sorted = new ArrayList<>(peers);
        sorted.sort((a, b) -> Double.compare(b.rating(), a.rating()));
        topPeers.computeIfAbsent(userId, k -> new LinkedHashMap<>())
                .put(category, Collections.unmodifiableList(sorted));
    }

    synchronized boolean isPinned(long userId, PeerKey peer) {
        return pinned.getOrDefault(userId, Set.of()).contains(peer);
    }

    synchronized void pin(long userId, PeerKey peer) {
        pinned.computeIfAbsent(userId, k -> new LinkedHashSet<>()).add(peer);
    }

    // ---- boxes ----

    synchronized MessageBox box(long userId) {
        return userBoxes.computeIfAbsent(userId, k -> new MessageBox());
    }

    synchronized MessageBox channelBox(long channelId) {
        return channelBoxes.computeIfAbsent(channelId, k -> new MessageBox());
    }

    synchronized long nextGlobalId() {
        return nextGlobalId++;
    }

    /** The pts of a user's box (updates.getState). */
    public synchronized int pts(long userId) {
        return box(userId).pts();
    }

    // ---- the CDN DC ----

    private SandboxCdn cdn;

    /** The CDN DC: the first id from 203 that no DC of the world uses. */
    public synchronized SandboxCdn cdn() {
        if (cdn == null) {
            int id = 203;
            while (dc(id) != null) id++;
            cdn = new SandboxCdn(id, random);
        }
        return cdn;
    }

    /** The CDN fault specs the world file names ({@code cdn.faults}); {@link Handlers#standard} applies them. */
    private List<String> cdnFaults = List.of();

    public synchronized List<String> cdnFaults() {
        return cdnFaults;
    }

    synchronized void setCdnFaults(List<String> specs) {
        cdnFaults = List.copyOf(specs);
    }

    @Override
    public synchronized String toString() {
        return "World{" + users.size() + " users, " + chats.size() + " chats, DCs " + dcIds() + "}";
    }

    // ---- answering contacts (the world file's answering section) ----

    private AnsweringContacts answering = AnsweringContacts.NONE;

    public synchronized AnsweringContacts answering() {
        return answering;
    }

    synchronized void setAnswering(AnsweringContacts a) {
        answering = a;
    }
}
