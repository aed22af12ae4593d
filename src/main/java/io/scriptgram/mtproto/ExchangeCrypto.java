package io.scriptgram.mtproto;

import io.scriptgram.crypto.AesIge;
import io.scriptgram.crypto.AesKeyIv;
import io.scriptgram.crypto.CryptoException;
import io.scriptgram.crypto.Sha;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlReader;
import java.security.MessageDigest;
import java.util.Arrays;

/** The key exchange's own derivations (core.telegram.org/mtproto/auth_key), shared by client and server. */
final class ExchangeCrypto {
    private ExchangeCrypto() {}

    /**
     * tmp_aes_key = SHA1(new_nonce + server_nonce) + SHA1(server_nonce + new_nonce)[0..12]; tmp_aes_iv =
     * SHA1(server_nonce + new_nonce)[12..20] + SHA1(new_nonce + new_nonce) + new_nonce[0..4].
     */
    static AesKeyIv tmpAesKeyIv(byte[] serverNonce, byte[] newNonce) {
        byte[] ns = Sha.sha1(newNonce, serverNonce);
        byte[] sn = Sha.sha1(serverNonce, newNonce);
        byte[] nn = Sha.sha1(newNonce, newNonce);
        byte[] key = new byte[32];
        System.arraycopy(ns, 0, key, 0, 20);
        System.arraycopy(sn, 0, key, 20, 12);
        byte[] iv = new byte[32];
        System.arraycopy(sn, 12, iv, 0, 8);
        System.arraycopy(nn, 0, iv, 8, 20);
        System.arraycopy(newNonce, 0, iv, 28, 4);
        return new AesKeyIv(key, iv);
    }

    /** new_nonce_hash{number}: the low 128 bits of SHA1(new_nonce + number + auth_key_aux_hash). */
    static byte[] newNonceHash(byte[] newNonce, int number, long authKeyAuxHash) {
        byte[] aux = new byte[8];
        Ints.putLe64(aux, 0, authKeyAuxHash);
        return Arrays.copyOfRange(Sha.sha1(newNonce, new byte[] {(byte) number}, aux), 4, 20);
    }

    /** server_DH_params_fail's new_nonce_hash: the low 128 bits of SHA1(new_nonce). */
    static byte[] failNonceHash(byte[] newNonce) {
        return Arrays.copyOfRange(Sha.sha1(newNonce), 4, 20);
    }

    /** The first server salt: new_nonce[0..8] xor server_nonce[0..8], read little-endian. */
    static long firstSalt(byte[] newNonce, byte[] serverNonce) {
        return Ints.le64(newNonce, 0) ^ Ints.le64(serverNonce, 0);
    }

    /** How many random bytes pad SHA1 + data to a multiple of 16. */
    static int paddingFor(int dataLength) {
        return (16 - (20 + dataLength) % 16) % 16;
    }

    /** AES-256-IGE of SHA1(data) + data + padding. */
    static byte[] encryptWithHash(byte[] data, byte[] padding, AesKeyIv k) {
        if (padding.length != paddingFor(data.length))
            throw new IllegalArgumentException("padding must be " + paddingFor(data.length) + " bytes");
        byte[] plain = new byte[20 + data.length + padding.length];
        System.arraycopy(Sha.sha1(data), 0, plain, 0, 20);
        System.arraycopy(data, 0, plain, 20, data.length);
        System.arraycopy(padding, 0, plain, 20 + data.length, padding.length);
        return AesIge.encrypt(k.key(), k.iv(), plain);
    }

    /**
     * Decrypts SHA1(data) + data + padding, reads one {@code expected} object from data, and checks the SHA-1 over
     * exactly the bytes it took and that fewer than 16 bytes of padding follow.
     */
    static TlObject decryptWithHash(TlCodec codec, byte[] encrypted, AesKeyIv k, String field, String expected) {
        if (encrypted.length < 32 || encrypted.length % 16 != 0) {
            throw new AuthKeyExchangeException(
                    field + ": " + encrypted.length + " bytes is not a positive multiple of 16 of at least 32");
        }
        byte[] plain;
        try {
            plain = AesIge.decrypt(k.key(), k.iv(), encrypted);
        } catch (CryptoException e) {
            throw new AuthKeyExchangeException(field + ": " + e.getMessage(), e);
        }
        TlReader r = new TlReader(plain, 20, plain.length - 20);
        TlObject o;
        try {
            o = codec.readObject(r);
        } catch (TlException e) {
            throw new AuthKeyExchangeException(
                    field + ": decrypted data is not a TL object (wrong key, or corrupted): " + e.getMessage(), e);
        }
        if (!o.name().equals(expected)) {
            throw new AuthKeyExchangeException(field + ": decrypted " + o.name() + ", expected " + expected);
        }
        int end = r.position();
        byte[] hash = Sha.sha1(Arrays.copyOfRange(plain, 20, end));
        if (!MessageDigest.isEqual(hash, Arrays.copyOf(plain, 20))) {
            throw new AuthKeyExchangeException(
                    field + ": SHA-1 of the decrypted " + expected + " does not match the hash in front of it");
        }
        if (plain.length - end >= 16) {
            throw new AuthKeyExchangeException(field + ": " + (plain.length - end) + " bytes of padding after "
                    + expected + " (at most 15 allowed)");
        }
        return o;
    }

    static void checkNonce(String message, String field, byte[] got, byte[] expected) {
        if (!MessageDigest.isEqual(got, expected)) {
            throw new AuthKeyExchangeException(
                    message + "." + field + " does not match the " + field + " of this exchange");
        }
    }
}
