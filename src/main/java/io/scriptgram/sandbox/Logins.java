package io.scriptgram.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Login state between calls: the phone_code_hash sent to each phone, phones whose code was accepted (so auth.signUp may
 * follow), and exported authorizations waiting to be imported on another DC. Guarded by the world's lock.
 */
final class Logins {
    record Export(long userId, int dcId, byte[] bytes) {}

    private final Map<String, String> codeHashes = new HashMap<>();
    private final Map<String, String> verified = new HashMap<>();
    /** Phones whose code was already sent again by SMS (the last way there is). */
    private final Set<String> resent = new HashSet<>();

    private final List<Export> exports = new ArrayList<>();

    void codeSent(String phone, String hash) {
        codeHashes.put(phone, hash);
        verified.remove(phone);
        resent.remove(phone);
    }

    /** True the first time the code of {@code phone} is sent again; false once it was. */
    boolean resent(String phone) {
        return resent.add(phone);
    }

    /** Voids the code sent (or accepted) under {@code hash}; false when it is not the current one. */
    boolean cancel(String phone, String hash) {
        if (hash == null) return false;
        if (hash.equals(codeHashes.get(phone))) codeHashes.remove(phone);
        else if (hash.equals(verified.get(phone))) verified.remove(phone);
        else return false;
        resent.remove(phone);
        return true;
    }

    /** True when {@code hash} is the one last sent to {@code phone}. */
    boolean hashMatches(String phone, String hash) {
        return hash != null && hash.equals(codeHashes.get(phone));
    }

    void codeAccepted(String phone) {
        String hash = codeHashes.remove(phone);
        if (hash != null) verified.put(phone, hash);
    }

    /** For sign-up: the code for {@code phone} with this hash was accepted; consumes it. */
    boolean takeVerified(String phone, String hash) {
        if (hash == null || !hash.equals(verified.get(phone))) return false;
        verified.remove(phone);
        return true;
    }

    boolean isVerified(String phone, String hash) {
        return hash != null && hash.equals(verified.get(phone));
    }

    void exported(Export e) {
        exports.add(e);
    }

    /** The export for this user, DC and bytes, removed (each export is imported once); null when none. */
    Export takeExport(long userId, int dcId, byte[] bytes) {
        for (Iterator<Export> it = exports.iterator(); it.hasNext(); ) {
            Export e = it.next();
            if (e.userId() == userId && e.dcId() == dcId && Arrays.equals(e.bytes(), bytes)) {
                it.remove();
                return e;
            }
        }
        return null;
    }

    // ---- QR login (core.telegram.org/api/qr-login) ----

    /**
     * A QR login token exported by a session not logged in; {@code acceptedBy} is the user who scanned it (0 until
     * then).
     */
    static final class QrToken {
        final byte[] token;
        final CallContext session;
        final int expires;
        long acceptedBy;

        QrToken(byte[] token, CallContext session, int expires) {
            this.token = token;
            this.session = session;
            this.expires = expires;
        }
    }

    private final List<QrToken> qrTokens = new ArrayList<>();

    /** How long a new QR token lives: Telegram's 30 s, shorter in tests of what a client does when one expires. */
    private volatile int qrTokenSeconds = 30;

    int qrTokenSeconds() {
        return qrTokenSeconds;
    }

    void qrTokenSeconds(int seconds) {
        if (seconds < 1) throw new IllegalArgumentException("a QR login token must live at least 1 s");
        qrTokenSeconds = seconds;
    }

    /** A new token for {@code session}; its earlier ones are dropped. */
    void newQrToken(QrToken t) {
        qrTokens.removeIf(q -> q.session == t.session);
        qrTokens.add(t);
    }

    QrToken qrToken(byte[] token) {
        for (QrToken q : qrTokens) if (Arrays.equals(q.token, token)) return q;
        return null;
    }

    /** The token of {@code session} that someone accepted, or null. */
    QrToken acceptedQrToken(CallContext session) {
        for (QrToken q : qrTokens) if (q.session == session && q.acceptedBy != 0) return q;
        return null;
    }

    void removeQrToken(QrToken t) {
        qrTokens.remove(t);
    }
}
