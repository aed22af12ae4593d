package io.scriptgram.store;

/** The three kinds of peer; ids are unique only within a kind. */
public enum PeerType {
    USER("user"),
    CHAT("chat"),
    CHANNEL("channel");

    private final String sqlName;

    PeerType(String sqlName) {
        this.sqlName = sqlName;
    }

    String sqlName() {
        return sqlName;
    }

    static PeerType fromSql(String name) {
        for (PeerType t : values()) if (t.sqlName.equals(name)) return t;
        throw new StoreException(StoreException.Kind.CORRUPT, "peer cache holds an unknown peer type '" + name + "'");
    }
}
