package io.scriptgram.client.updates;

import java.util.Map;
import java.util.Set;

/** The friendlier names scripts subscribe with, and which update constructors count as each. */
final class EventNames {
    static final String ALL = "*";

    private static final Map<String, String> BY_UPDATE = Map.ofEntries(
            Map.entry("updateNewMessage", "message"),
            Map.entry("updateNewChannelMessage", "message"),
            Map.entry("updateEditMessage", "edit"),
            Map.entry("updateEditChannelMessage", "edit"),
            Map.entry("updateDeleteMessages", "delete"),
            Map.entry("updateDeleteChannelMessages", "delete"),
            Map.entry("updateReadHistoryInbox", "read"),
            Map.entry("updateReadHistoryOutbox", "read"),
            Map.entry("updateReadChannelInbox", "read"),
            Map.entry("updateReadChannelOutbox", "read"));

    static final Set<String> EVENTS = Set.copyOf(BY_UPDATE.values());

    private EventNames() {}

    /** The event an update counts as, or null. */
    static String of(String updateName) {
        return BY_UPDATE.get(updateName);
    }
}
