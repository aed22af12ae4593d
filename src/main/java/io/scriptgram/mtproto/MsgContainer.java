package io.scriptgram.mtproto;

import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlReader;
import io.scriptgram.tl.TlWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * msg_container#73f1f8dc, written by hand because the service schema does not declare it: the id, a count, then each
 * message as msg_id:long seqno:int bytes:int body.
 */
final class MsgContainer {
    static final int ID = 0x73f1f8dc;
    /** Most messages one container may carry. */
    static final int MAX_MESSAGES = 1020;
    /** Most body bytes one container should carry (about 1 MiB). */
    static final int MAX_BYTES = 1 << 20;
    /** msg_id + seqno + bytes before each inner body. */
    static final int ITEM_HEADER = 16;

    /** One message inside a container. */
    record Item(long msgId, int seqNo, byte[] body) {}

    private MsgContainer() {}

    static boolean is(byte[] body) {
        return body.length >= 4 && Ints.le32(body, 0) == ID;
    }

    static byte[] encode(List<Item> items) {
        int size = 8;
        for (Item i : items) size += ITEM_HEADER + i.body().length;
        TlWriter w = new TlWriter(size);
        w.writeInt(ID).writeInt(items.size());
        for (Item i : items) {
            w.writeLong(i.msgId()).writeInt(i.seqNo()).writeInt(i.body().length).writeRaw(i.body());
        }
        return w.toByteArray();
    }

    /** Splits a container; any inconsistency (count, lengths, trailing bytes) is refused as MALFORMED. */
    static List<Item> decode(byte[] body) {
        TlReader r = new TlReader(body);
        try {
            r.readInt();
            int count = r.readInt();
            if (count < 0 || count > MAX_MESSAGES || (long) count * ITEM_HEADER > r.remaining()) {
                throw new Dropped(
                        DropReason.MALFORMED,
                        "msg_container count " + count + " impossible with " + r.remaining() + " bytes");
            }
            List<Item> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long msgId = r.readLong();
                int seqNo = r.readInt();
                int len = r.readInt();
                if (len < 0 || len % 4 != 0 || len > r.remaining()) {
                    throw new Dropped(
                            DropReason.MALFORMED,
                            "msg_container item " + i + " claims " + len + " bytes with " + r.remaining()
                                    + " left (or not a multiple of 4)");
                }
                items.add(new Item(msgId, seqNo, r.readRaw(len)));
            }
            if (r.remaining() != 0)
                throw new Dropped(DropReason.MALFORMED, r.remaining() + " bytes left after msg_container");
            return items;
        } catch (TlException e) {
            throw new Dropped(DropReason.MALFORMED, "msg_container: " + e.getMessage());
        }
    }
}
