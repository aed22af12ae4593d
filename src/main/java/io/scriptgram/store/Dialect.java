package io.scriptgram.store;

/**
 * What differs between the SQL of the two backends once the account key is set aside ({@link Db#accountAnd()} and
 * friends): function names, the sort order of text, and how JSON values are stored. Everything else (upserts with
 * {@code ON CONFLICT ... DO UPDATE}, {@code coalesce}, {@code substr}, {@code octet_length}, {@code NULLS LAST}) is
 * written once for both.
 */
enum Dialect {
    SQLITE("max", "min", "", false),
    POSTGRES("GREATEST", "LEAST", " COLLATE \"C\"", true);

    /** The larger of two values: SQLite's two-argument {@code max}, PostgreSQL's {@code GREATEST}. */
    final String greatest;

    final String least;
    /**
     * Appended to a text column in ORDER BY so keys sort by code point on both (SQLite's default; a PostgreSQL
     * database's default collation follows its locale).
     */
    final String binaryOrder;
    /**
     * PostgreSQL has no column that takes both text and bytes, so script storage values are {@code bytea} there and
     * JSON is stored as its UTF-8 bytes; SQLite keeps JSON as TEXT so {@code sqlite3} shows it readably.
     */
    final boolean jsonAsBytes;

    Dialect(String greatest, String least, String binaryOrder, boolean jsonAsBytes) {
        this.greatest = greatest;
        this.least = least;
        this.binaryOrder = binaryOrder;
        this.jsonAsBytes = jsonAsBytes;
    }
}
