/**
 * The embedded SQLite store: one file per account session, created 0600, opened by one process at a time.
 * {@link io.scriptgram.store.SessionStore} opens it and hands out the typed parts:
 * {@link io.scriptgram.store.SessionData} (auth keys, home DC, DC options, salts, self user),
 * {@link io.scriptgram.store.PeerCache}, {@link io.scriptgram.store.UpdateStateStore} and
 * {@link io.scriptgram.store.ScriptStorage}. Every write is a transaction; several calls can be grouped with
 * {@link io.scriptgram.store.SessionStore#inTransaction(Runnable)}. Every failure is a
 * {@link io.scriptgram.store.StoreException} whose kind says what to tell the user.
 */
package io.scriptgram.store;
