/**
 * The account store, one contract over two backends. {@link io.scriptgram.store.SessionStore} is one account's store
 * and hands out the typed parts: {@link io.scriptgram.store.SessionData} (auth keys, home DC, DC options, salts, self
 * user), {@link io.scriptgram.store.PeerCache}, {@link io.scriptgram.store.UpdateStateStore} and
 * {@link io.scriptgram.store.ScriptStorage}. Every write is a transaction; several calls can be grouped with
 * {@link io.scriptgram.store.SessionStore#inTransaction(Runnable)}. Every failure is a
 * {@link io.scriptgram.store.StoreException} whose kind says what to tell the user.
 *
 * <p>Backends: the embedded SQLite file (the default; one file per account, created 0600, opened by one process at a
 * time) and PostgreSQL ({@link io.scriptgram.store.PostgresStore}: one per host for all its accounts, every table led
 * by the account key). Their SQL is written once ({@code Db}, {@code Dialect}); their schemas have the same versions
 * ({@code Migrations}, {@code PostgresSchema}). {@link io.scriptgram.store.StoreCopy} moves a session between them.
 */
package io.scriptgram.store;
