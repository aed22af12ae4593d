package io.scriptgram.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per consumer of updates, the highest position it has handled in each sequence. Written in the same transaction as the
 * consumer's own writes (see {@link StagedWrites}), so after a crash a consumer is either past an update with its
 * effects stored, or before it with none of them. Forgotten with the account ({@link SessionStore#forgetAccount()}),
 * since positions are per account.
 */
public final class HandledMarks {
    private final Db db;

    HandledMarks(Db db) {
        this.db = db;
    }

    /** What the consumer has handled, per sequence. */
    public Map<HandledMark.Sequence, Long> of(String consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return db.read("read the handled marks of '" + consumer + "'", c -> {
            Map<HandledMark.Sequence, Long> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT box, kind, value FROM handled_marks WHERE " + db.accountAnd() + "consumer = ?")) {
                ps.setString(db.bindAccount(ps), consumer);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(new HandledMark.Sequence(rs.getLong(1), rs.getString(2)), rs.getLong(3));
                }
            }
            return out;
        });
    }

    /** Moves the consumer's marks forward (never back), in one transaction or the caller's. */
    public void advance(String consumer, Collection<HandledMark> marks) {
        Objects.requireNonNull(consumer, "consumer");
        if (marks.isEmpty()) return;
        db.write("store the handled marks of '" + consumer + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO handled_marks (" + db.accountColumn()
                    + "consumer, box, kind, value) VALUES (" + db.accountValue() + "?, ?, ?, ?) ON CONFLICT ("
                    + db.accountColumn() + "consumer, box, kind) DO UPDATE SET value = " + db.dialect().greatest
                    + "(handled_marks.value, excluded.value)")) {
                for (HandledMark m : marks) {
                    int i = db.bindAccount(ps);
                    ps.setString(i++, consumer);
                    ps.setLong(i++, m.box());
                    ps.setString(i++, m.kind());
                    ps.setLong(i, m.value());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
