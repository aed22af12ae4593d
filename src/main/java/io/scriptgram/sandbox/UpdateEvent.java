package io.scriptgram.sandbox;

import java.util.List;

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

    /** A message of the box was edited (updateEditMessage / updateEditChannelMessage). */
    record EditMessage(SandboxMessage message) implements UpdateEvent {
        public int ptsCount() {
            return 1;
        }
    }

    /** Messages of the box were deleted (updateDeleteMessages / updateDeleteChannelMessages). */
    record DeleteMessages(List<Integer> ids) implements UpdateEvent {
        public DeleteMessages {
            ids = List.copyOf(ids);
        }

        public int ptsCount() {
            return ids.size();
        }
    }

    /** Messages of {@code peer} were pinned or unpinned (updatePinnedMessages / updatePinnedChannelMessages). */
    record PinMessages(PeerKey peer, List<Integer> ids, boolean pinned) implements UpdateEvent {
        public PinMessages {
            ids = List.copyOf(ids);
        }

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
