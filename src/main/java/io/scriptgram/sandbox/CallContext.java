package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * One client session as the handlers see it: the schema its replies are built from, the DC it is connected to, who is
 * logged in (0: nobody) and whether that is a bot. The server keeps one per session (auth key) and passes it to every
 * call; login handlers change it. Updates a handler emits are held until the call has left the world's lock, then given
 * to the {@link UpdateSink}.
 */
public final class CallContext {
    /** Updates for the sessions of {@code userId}, or for the one {@code session} when it is set. */
    private record Push(long userId, CallContext session, TlObject updates) {}

    private final TlSchema schema;
    private final int dcId;
    private final UpdateSink sink;
    private final List<Push> pending = new ArrayList<>();
    private long userId;
    private boolean bot;
    private boolean imported;
    private long passwordPendingUserId;

    public CallContext(TlSchema schema, int dcId, UpdateSink sink) {
        this.schema = schema;
        this.dcId = dcId;
        this.sink = sink == null ? UpdateSink.NONE : sink;
    }

    /** A session already logged in as {@code userId} (tests, a server restoring its sessions). */
    public static CallContext loggedIn(TlSchema schema, int dcId, UpdateSink sink, SandboxUser user) {
        CallContext c = new CallContext(schema, dcId, sink);
        c.logIn(user, false);
        return c;
    }

    public TlSchema schema() {
        return schema;
    }

    public int dc() {
        return dcId;
    }

    public synchronized long userId() {
        return userId;
    }

    public synchronized boolean loggedIn() {
        return userId != 0;
    }

    public synchronized boolean bot() {
        return bot;
    }

    /** True when the login came from auth.importAuthorization (the user lives on another DC). */
    public synchronized boolean imported() {
        return imported;
    }

    synchronized void logIn(SandboxUser user, boolean viaImport) {
        this.userId = user.id();
        this.bot = user.bot();
        this.imported = viaImport;
        this.passwordPendingUserId = 0;
    }

    public synchronized void logOut() {
        userId = 0;
        bot = false;
        imported = false;
        passwordPendingUserId = 0;
    }

    /** After SESSION_PASSWORD_NEEDED: the user whose password auth.checkPassword must prove (0: none). */
    synchronized long passwordPendingUserId() {
        return passwordPendingUserId;
    }

    synchronized void passwordPending(long id) {
        passwordPendingUserId = id;
    }

    /** Queues {@code updates} for the sessions of {@code toUserId} (other than this one). */
    public synchronized void emit(long toUserId, TlObject updates) {
        pending.add(new Push(toUserId, null, updates));
    }

    /** Whether updates {@link #emit emitted} for {@code toUserId} would reach any session (other than this one). */
    public boolean reaches(long toUserId) {
        return sink.reaches(toUserId, this);
    }

    /** Queues {@code updates} for one other session. */
    public synchronized void emitTo(CallContext session, TlObject updates) {
        pending.add(new Push(0, session, updates));
    }

    /** Hands queued updates to the sink; called by the dispatcher after leaving the world's lock. */
    void flush() {
        List<Push> out;
        synchronized (this) {
            if (pending.isEmpty()) return;
            out = new ArrayList<>(pending);
            pending.clear();
        }
        for (Push p : out) {
            if (p.session() != null) sink.pushTo(p.session(), p.updates());
            else sink.push(p.userId(), p.updates(), this);
        }
    }

    @Override
    public synchronized String toString() {
        return "session on DC " + dcId + (userId == 0 ? ", not logged in" : ", user " + userId + (bot ? " (bot)" : ""));
    }
}
