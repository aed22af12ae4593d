package io.scriptgram.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the client knows about a user, chat or channel it has seen.
 *
 * @param type user, chat or channel
 * @param id the id within its type
 * @param accessHash the access hash, if known (basic chats have none)
 * @param min whether this came from a {@code min} constructor, whose access hash is not usable everywhere; a min entity
 *     never overwrites what a full one stored
 * @param usernames the public usernames (the main one first), without '@', in their own case
 * @param phone the phone number as digits only, or null
 * @param name the display name (first + last name, or title), or null
 * @param lastSeen when the client last saw this entity (kept to the second), or null
 */
public record CachedPeer(
        PeerType type,
        long id,
        OptionalLong accessHash,
        boolean min,
        List<String> usernames,
        String phone,
        String name,
        Instant lastSeen) {

    public CachedPeer {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accessHash, "accessHash");
        List<String> clean = new ArrayList<>();
        for (String u : Objects.requireNonNull(usernames, "usernames")) {
            String n = normalizeUsername(u);
            if (n.isEmpty())
                throw new StoreException(
                        StoreException.Kind.INVALID, type.sqlName() + " " + id + " has a blank username");
            if (clean.stream().noneMatch(x -> x.equalsIgnoreCase(n))) clean.add(n);
        }
        usernames = List.copyOf(clean);
        phone = phone == null ? null : normalizePhone(phone);
        if (phone != null && phone.isEmpty()) phone = null;
        lastSeen = lastSeen == null ? null : Instant.ofEpochSecond(lastSeen.getEpochSecond());
    }

    /** A full (non-min) user with an access hash and nothing else known yet. */
    public static CachedPeer user(long id, long accessHash) {
        return new CachedPeer(PeerType.USER, id, OptionalLong.of(accessHash), false, List.of(), null, null, null);
    }

    /** A basic group (no access hash). */
    public static CachedPeer chat(long id) {
        return new CachedPeer(PeerType.CHAT, id, OptionalLong.empty(), false, List.of(), null, null, null);
    }

    public static CachedPeer channel(long id, long accessHash) {
        return new CachedPeer(PeerType.CHANNEL, id, OptionalLong.of(accessHash), false, List.of(), null, null, null);
    }

    public CachedPeer withMin(boolean isMin) {
        return new CachedPeer(type, id, accessHash, isMin, usernames, phone, name, lastSeen);
    }

    public CachedPeer withUsernames(String... names) {
        return new CachedPeer(type, id, accessHash, min, List.of(names), phone, name, lastSeen);
    }

    public CachedPeer withPhone(String newPhone) {
        return new CachedPeer(type, id, accessHash, min, usernames, newPhone, name, lastSeen);
    }

    public CachedPeer withName(String newName) {
        return new CachedPeer(type, id, accessHash, min, usernames, phone, newName, lastSeen);
    }

    public CachedPeer withLastSeen(Instant when) {
        return new CachedPeer(type, id, accessHash, min, usernames, phone, name, when);
    }

    /** "@Alice" and "alice" name the same username. */
    static String normalizeUsername(String username) {
        String u = username.strip();
        return u.startsWith("@") ? u.substring(1) : u;
    }

    static String usernameKey(String username) {
        return normalizeUsername(username).toLowerCase(Locale.ROOT);
    }

    /** "+1 (555) 010-0000" and "15550100000" name the same phone. */
    static String normalizePhone(String phone) {
        StringBuilder sb = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char ch = phone.charAt(i);
            if (ch >= '0' && ch <= '9') sb.append(ch);
        }
        return sb.toString();
    }
}
