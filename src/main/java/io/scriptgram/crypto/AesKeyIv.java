package io.scriptgram.crypto;

/** An AES-256 key (32 bytes) and IGE IV (32 bytes) derived for one message. toString hides both. */
public record AesKeyIv(byte[] key, byte[] iv) {
    @Override
    public String toString() {
        return "AesKeyIv[hidden]";
    }
}
