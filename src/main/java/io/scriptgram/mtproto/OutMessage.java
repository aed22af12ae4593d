package io.scriptgram.mtproto;

import java.util.List;

/**
 * One message we send: its body, current msg_id and seq_no, and what it carries (a request, acks, or a container's
 * children). The body is dropped ({@link #release}) once it can never be sent again; what is left (ids, seq_no, the
 * request) is what bad_msg_notification and resend requests about it need.
 */
final class OutMessage {
    /** Null once released. */
    byte[] body;

    final boolean contentRelated;
    final MsgId.Kind kind;
    /** The client request this message carries, or null. */
    final Pending request;
    /** The ids a msgs_ack carries (restored to the pending acks if the message is lost), or null. */
    final long[] ackIds;
    /** The messages of a container, or null. */
    final List<OutMessage> children;

    long msgId;
    int seqNo;
    /** The body as written to the wire (gzip_packed when that is smaller); made once. */
    byte[] wire;

    boolean sent;
    /** A newer message with a fresh msg_id carries this one's content now. */
    boolean superseded;

    OutMessage(
            byte[] body,
            boolean contentRelated,
            MsgId.Kind kind,
            Pending request,
            long[] ackIds,
            List<OutMessage> children) {
        this.body = body;
        this.contentRelated = contentRelated;
        this.kind = kind;
        this.request = request;
        this.ackIds = ackIds;
        this.children = children;
    }

    /** Forgets the body: answered, acknowledged, or carried by a newer message now. */
    void release() {
        body = null;
        wire = null;
    }

    boolean released() {
        return body == null && children == null;
    }
}
