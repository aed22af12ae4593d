package io.scriptgram.session;

import io.scriptgram.store.CachedPeer;
import io.scriptgram.store.UpdateState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a session carries from one library to another: the auth key and where it is valid, and what else the source had.
 * A field the source format lacks is null (or empty).
 *
 * @param format where it came from
 * @param dcId the home DC
 * @param host the DC's address as the source recorded it, or null (Pyrogram records none: {@link KnownDcs} maps it)
 * @param port the DC's port, or 0 with no host
 * @param test whether the key belongs to Telegram's test servers
 * @param authKey the 256-byte auth key
 * @param userId the logged-in user, or null
 * @param bot whether that user is a bot, or null
 * @param apiId the api_id the session was made with, or null
 * @param peers known peers with access hashes (from .session files)
 * @param updateState the common update state, or null
 * @param channelPts per-channel pts (from Telethon files)
 */
public record PortableSession(
        SessionFormat format,
        int dcId,
        String host,
        int port,
        boolean test,
        byte[] authKey,
        Long userId,
        Boolean bot,
        Integer apiId,
        List<CachedPeer> peers,
        UpdateState updateState,
        Map<Long, Integer> channelPts) {

    public static final int KEY_LENGTH = 256;

    public PortableSession {
        Objects.requireNonNull(format, "format");
        if (dcId < 1 || dcId > 1000)
            throw new SessionFormatException(format.label() + ": DC id " + dcId + " is out of range");
        if (authKey == null || authKey.length != KEY_LENGTH)
            throw new SessionFormatException(format.label() + ": the auth key has "
                    + (authKey == null ? 0 : authKey.length) + " bytes, not " + KEY_LENGTH);
        if (Arrays.equals(authKey, new byte[KEY_LENGTH]))
            throw new SessionFormatException(format.label() + ": the auth key is empty (all zero): not logged in");
        if (host != null && (port < 1 || port > 65535))
            throw new SessionFormatException(format.label() + ": port " + port + " is out of range");
        authKey = authKey.clone();
        peers = List.copyOf(peers == null ? List.of() : peers);
        channelPts = Map.copyOf(channelPts == null ? Map.of() : channelPts);
    }

    /** Just the key and where it is valid, as a string session carries it. */
    public static PortableSession of(
            SessionFormat format, int dcId, String host, int port, boolean test, byte[] key, Long userId, Boolean bot) {
        return new PortableSession(format, dcId, host, port, test, key, userId, bot, null, null, null, null);
    }

    @Override
    public byte[] authKey() {
        return authKey.clone();
    }

    /** The same session with its address filled in (for formats that carry none). */
    public PortableSession withAddress(String newHost, int newPort) {
        return new PortableSession(
                format, dcId, newHost, newPort, test, authKey, userId, bot, apiId, peers, updateState, channelPts);
    }

    /** The same session as read from another format (export keeps the facts, changes the label). */
    public PortableSession as(SessionFormat other) {
        return new PortableSession(
                other, dcId, host, port, test, authKey, userId, bot, apiId, peers, updateState, channelPts);
    }

    /** The same session with the logged-in user set. */
    public PortableSession withUser(long id, boolean isBot) {
        return new PortableSession(
                format, dcId, host, port, test, authKey, id, isBot, apiId, peers, updateState, channelPts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortableSession p
                && format == p.format
                && dcId == p.dcId
                && Objects.equals(host, p.host)
                && port == p.port
                && test == p.test
                && Arrays.equals(authKey, p.authKey)
                && Objects.equals(userId, p.userId)
                && Objects.equals(bot, p.bot)
                && Objects.equals(apiId, p.apiId)
                && peers.equals(p.peers)
                && Objects.equals(updateState, p.updateState)
                && channelPts.equals(p.channelPts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, dcId, host, port, test, Arrays.hashCode(authKey), userId);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return format.label() + " (DC " + dcId + (test ? " test" : "")
                + (host == null ? "" : " at " + host + ":" + port)
                + (userId == null ? "" : ", user " + userId) + (peers.isEmpty() ? "" : ", " + peers.size() + " peers")
                + ")";
    }
}
