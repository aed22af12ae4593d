package io.scriptgram.mtproto;

import io.scriptgram.crypto.AesIge;
import io.scriptgram.crypto.AesKeyIv;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds key-exchange messages with chosen (wrong) contents for the refusal tests. */
final class Forge {
    private Forge() {}

    static TlObject of(String name, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return TlObject.of(Exchanges.SCHEMA, name, m);
    }

    /** A copy of {@code o} with some fields replaced. */
    static TlObject with(TlObject o, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(o.toMap());
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return TlObject.of(Exchanges.SCHEMA, o.name(), m);
    }

    static TlObject dhGen(String name, byte[] nonce, byte[] serverNonce, byte[] hash) {
        int n = name.equals("dh_gen_ok") ? 1 : name.equals("dh_gen_retry") ? 2 : 3;
        return of(name, "nonce", nonce, "server_nonce", serverNonce, "new_nonce_hash" + n, hash);
    }

    /** SHA1(inner) + inner + padding, AES-IGE with the tmp key of (serverNonce, newNonce); optionally a wrong hash. */
    static byte[] encrypt(TlObject inner, byte[] serverNonce, byte[] newNonce, boolean breakHash) {
        AesKeyIv k = ExchangeCrypto.tmpAesKeyIv(serverNonce, newNonce);
        byte[] data = TlCodec.encode(inner);
        byte[] enc = ExchangeCrypto.encryptWithHash(data, new byte[ExchangeCrypto.paddingFor(data.length)], k);
        if (!breakHash) return enc;
        byte[] plain = AesIge.decrypt(k.key(), k.iv(), enc);
        plain[0] ^= 1;
        return AesIge.encrypt(k.key(), k.iv(), plain);
    }
}
