package io.scriptgram.mtproto;

import java.util.ArrayList;
import java.util.List;

/** A client request awaiting its answer: the handle the caller holds and every msg_id it was sent under. */
final class Pending {
    final long handle;
    final List<Long> ids = new ArrayList<>(2);
    /** The message carrying the request now. */
    OutMessage current;

    boolean done;

    Pending(long handle) {
        this.handle = handle;
        ids.add(handle);
    }
}
