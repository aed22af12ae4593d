package io.scriptgram.sandbox;

/**
 * A change recorded in a box's pts sequence, independent of any schema so it can be rendered for the layer of whoever
 * asks (updates pushed now, or returned later by updates.getDifference).
 */
public sealed interface UpdateEvent {
    /** How many pts the event takes. */
    int ptsCount();

    /** A new message in the box (updateNewMessage / updateNewChannelMessage). */
    record NewMessage(SandboxMessage message) implements UpdateEvent {
        public int ptsCount() {
            return 1;
        }
    }

    /** The box owner read incoming messages up to maxId (updateReadHistoryInbox / updateReadChannelInbox). */
    record ReadInbox(PeerKey peer, int maxId, int stillUnread) implements UpdateEvent {
        public int ptsCount() {
            return 1;
        }
    }

    /** The other side read the box owner's outgoing messages up to maxId (updateReadHistoryOutbox). */
    record ReadOutbox(PeerKey peer, int maxId) implements UpdateEvent {
        public int ptsCount() {
            return 1;
        }
    }

    /** An event at its place in the pts sequence: {@code pts} is the box's pts after it. */
    record Entry(int pts, int date, UpdateEvent event) {
        public int ptsCount() {
            return event.ptsCount();
        }
    }
}
