package io.scriptgram.mtproto;

/**
 * Why an incoming packet or message was dropped unprocessed (one counter each, see {@link EncryptedSession#dropped}).
 */
public enum DropReason {
    /** Packet length is not a whole number of AES blocks or too short. */
    PACKET_LENGTH,
    /** auth_key_id is not our key's. */
    AUTH_KEY_ID,
    /** msg_key does not match the decrypted data (tampered or wrong direction). */
    MSG_KEY,
    /** session_id is not ours. */
    SESSION_ID,
    /** msg_id has the wrong low bits for the sender (server: odd; client: ≡ 0 mod 4). */
    MSG_ID_PARITY,
    /** msg_id is more than 300 s older than our clock. */
    MSG_ID_TOO_OLD,
    /** msg_id is more than 30 s ahead of our clock. */
    MSG_ID_TOO_NEW,
    /** msg_id was seen before (or is older than everything in the window of seen ids). */
    DUPLICATE,
    /** message_data_length does not fit the decrypted data. */
    MESSAGE_LENGTH,
    /** Padding is outside 12..1024 bytes. */
    PADDING,
    /** Server mode: the client used a salt that is not the current one (answered with bad_server_salt). */
    SALT,
    /** A msg_container inside a msg_container. */
    NESTED_CONTAINER,
    /** The body does not decode (bad container, gzip, or service message). */
    MALFORMED,
    /** An rpc_result or pong for a request we do not know or already completed. */
    UNKNOWN_ANSWER
}
