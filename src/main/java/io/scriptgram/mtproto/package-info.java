/**
 * Sans-IO MTProto 2.0: the encrypted session ({@link io.scriptgram.mtproto.EncryptedSession}) for the client and for
 * the sandbox server. Bytes in, events out; the clock and randomness are parameters.
 */
package io.scriptgram.mtproto;
