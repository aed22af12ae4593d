package io.scriptgram.chat;

import io.scriptgram.client.UpdateEvent;
import io.scriptgram.tl.TlObject;

/**
 * A {@code command(...)}'s structural filter: a new message whose text is the command, typed by the account (or by
 * anyone, with {@code incoming}), and not one this host just sent itself ({@link OwnSends}), so a reply that starts
 * with a prefix cannot loop. {@code and} narrows it further (a command's {@code chats}, {@code from}, …).
 */
public record CommandFilter(CommandMatcher matcher, boolean incoming, OwnSends ownSends, UpdateFilter and)
        implements UpdateFilter {
    @Override
    public boolean test(UpdateEvent ev) {
        return match(ev) != null;
    }

    /** The command in {@code ev}, or null when {@code ev} does not pass. */
    public CommandMatcher.Match match(UpdateEvent ev) {
        TlObject m = MessageFilter.message(ev.update());
        if (m == null || !m.name().equals("message")) return null;
        if (!incoming && !m.getBool("out")) return null;
        CommandMatcher.Match match = matcher.match(m.getString("message"));
        if (match == null) return null;
        if (ownSends != null && ownSends.sentHere(m)) return null;
        return and == null || and.test(ev) ? match : null;
    }
}
