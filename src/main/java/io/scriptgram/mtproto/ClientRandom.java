package io.scriptgram.mtproto;

import java.util.random.RandomGenerator;

/**
 * Every random value the client side of the key exchange draws, by purpose, so a test can replay a recorded handshake
 * whose randomness was consumed in another order.
 */
interface ClientRandom {
    byte[] nonce();

    byte[] newNonce();

    /** RSA_PAD's padding of p_q_inner_data up to 192 bytes. */
    byte[] rsaPadding(int length);

    /** One RSA_PAD temp_key (32 bytes); asked again when a block is not below the modulus. */
    byte[] rsaTempKey();

    /** The 2048-bit secret exponent b (256 bytes). */
    byte[] dhExponent();

    /** Padding of client_DH_inner_data to a multiple of 16 (0..15 bytes). */
    byte[] padding(int length);

    static ClientRandom of(RandomGenerator random) {
        return new ClientRandom() {
            private byte[] draw(int n) {
                byte[] b = new byte[n];
                random.nextBytes(b);
                return b;
            }

            @Override
            public byte[] nonce() {
                return draw(16);
            }

            @Override
            public byte[] newNonce() {
                return draw(32);
            }

            @Override
            public byte[] rsaPadding(int length) {
                return draw(length);
            }

            @Override
            public byte[] rsaTempKey() {
                return draw(32);
            }

            @Override
            public byte[] dhExponent() {
                return draw(256);
            }

            @Override
            public byte[] padding(int length) {
                return draw(length);
            }
        };
    }
}
