package io.scriptgram.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Where the update stream stopped: the common state and each channel's pts, kept across restarts. */
public final class UpdateStateStore {
    private final Db db;

    UpdateStateStore(Db db) {
        this.db = db;
    }

    /** The common state, or empty before the first {@code updates.getState}. */
    public Optional<UpdateState> state() {
        return db.read("read the update state", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT pts, qts, date, seq FROM update_state" + db.whereAccount())) {
                db.bindAccount(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new UpdateState(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                            : Optional.empty();
                }
            }
        });
    }

    public void setState(UpdateState state) {
        Objects.requireNonNull(state, "state");
        db.write("store the update state", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO update_state (" + db.accountColumn()
                    + "\"only\", pts, qts, date, seq) VALUES (" + db.accountValue() + "1, ?, ?, ?, ?) ON CONFLICT ("
                    + db.accountColumn() + "\"only\") DO UPDATE SET pts = excluded.pts, qts = excluded.qts,"
                    + " date = excluded.date, seq = excluded.seq")) {
                int i = db.bindAccount(ps);
                ps.setInt(i++, state.pts());
                ps.setInt(i++, state.qts());
                ps.setInt(i++, state.date());
                ps.setInt(i, state.seq());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public OptionalInt channelPts(long channelId) {
        return db.read("read the pts of channel " + channelId, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT pts FROM channel_pts WHERE " + db.accountAnd() + "channel_id = ?")) {
                ps.setLong(db.bindAccount(ps), channelId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
                }
            }
        });
    }

    public void setChannelPts(long channelId, int pts) {
        db.write("store the pts of channel " + channelId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO channel_pts (" + db.accountColumn()
                    + "channel_id, pts) VALUES (" + db.accountValue() + "?, ?) ON CONFLICT (" + db.accountColumn()
                    + "channel_id) DO UPDATE SET pts = excluded.pts")) {
                int i = db.bindAccount(ps);
                ps.setLong(i++, channelId);
                ps.setInt(i, pts);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The common state (when not null) and channels' pts, in one transaction. */
    public void save(UpdateState state, Map<Long, Integer> channels) {
        db.write("store the update state", c -> {
            if (state != null) setState(state);
            channels.forEach(this::setChannelPts);
            return null;
        });
    }

    /** Channel id → pts, ordered by channel id. */
    public Map<Long, Integer> allChannelPts() {
        return db.read("read the channels' pts", c -> {
            Map<Long, Integer> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT channel_id, pts FROM channel_pts" + db.whereAccount() + " ORDER BY channel_id")) {
                db.bindAccount(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getLong(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    /** Forgets a channel's pts (left the channel); true if it had one. */
    public boolean deleteChannelPts(long channelId) {
        return db.write("delete the pts of channel " + channelId, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM channel_pts WHERE " + db.accountAnd() + "channel_id = ?")) {
                ps.setLong(db.bindAccount(ps), channelId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public String toString() {
        return "UpdateStateStore[" + db.display() + "]";
    }
}
