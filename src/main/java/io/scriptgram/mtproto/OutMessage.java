package io.scriptgram.mtproto;

import java.util.List;

/** One message we send: its body, current msg_id and seq_no, and what it carries (a request, acks, or a container's children). */
final class OutMessage {
    final byte[] body;
    final boolean contentRelated;
    final MsgId.Kind kind;
    /** The client request this message carries, or null. */
    final Pending request;
    /** The ids a msgs_ack carries (restored to the pending acks if the message is lost), or null. */
    final List<Long> ackIds;
    /** The messages of a container, or null. */
    final List<OutMessage> children;
    long msgId;
    int seqNo;
    /** The body as written to the wire (gzip_packed when that is smaller); made once. */
    byte[] wire;
    boolean sent;
    /** A newer message with a fresh msg_id carries this one's content now. */
    boolean superseded;

    OutMessage(byte[] body, boolean contentRelated, MsgId.Kind kind, Pending request, List<Long> ackIds, List<OutMessage> children) {
        this.body = body;
        this.contentRelated = contentRelated;
        this.kind = kind;
        this.request = request;
        this.ackIds = ackIds;
        this.children = children;
    }
}
