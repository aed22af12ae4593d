package io.scriptgram.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Login state between calls: the phone_code_hash sent to each phone, phones whose code was accepted
 * (so auth.signUp may follow), and exported authorizations waiting to be imported on another DC.
 * Guarded by the world's lock.
 */
final class Logins {
    record Export(long userId, int dcId, byte[] bytes) {}

    private final Map<String, String> codeHashes = new HashMap<>();
    private final Map<String, String> verified = new HashMap<>();
    private final List<Export> exports = new ArrayList<>();

    void codeSent(String phone, String hash) {
        codeHashes.put(phone, hash);
        verified.remove(phone);
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
}
