package io.scriptgram.store;

/**
 * A store failure with a message fit for the user. {@link #kind()} lets callers (the CLI) pick an exit code or a hint
 * without parsing text. Messages never carry stored values (auth keys, script data), only names of files, tables,
 * scripts and keys.
 */
public final class StoreException extends RuntimeException {
    /** What went wrong, coarsely. */
    public enum Kind {
        /** Not a SQLite file, not a Scriptgram session, or fails the integrity check. Never modified. */
        CORRUPT,
        /** A SQLite database, but not a Scriptgram session (another program's file). Never modified. */
        NOT_A_SESSION,
        /** Another process holds the file's lock past the busy timeout. */
        IN_USE,
        /** Written by a newer Scriptgram (schema version above what this build knows). Never modified. */
        TOO_NEW,
        /** A script-storage limit (key length, value size, total size) would be exceeded. */
        LIMIT,
        /** A bad argument: an auth key of the wrong length, a blank key, a closed store. */
        INVALID,
        /**
         * A write to a shared PostgreSQL store refused because this host's lease of the account has expired or was
         * taken ({@link WriteFence}): the account must stop here.
         */
        FENCED,
        /** Any other I/O or SQLite failure. */
        IO
    }

    private final Kind kind;

    public StoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
