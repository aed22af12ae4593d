package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The buttons under a message ({@code m.buttons}: rows of its reply markup) and what pressing one does
 * ({@code m.click(textOrIndex)}): a callback button asks the bot ({@code messages.getBotCallbackAnswer}), a URL button
 * gives its URL (nothing is opened).
 */
public final class MessageButtons {
    private MessageButtons() {}

    /** What a click does: a call to make, or a URL to give back. */
    public sealed interface Click {}

    public record Call(RawCall call) implements Click {}

    public record Url(String url) implements Click {}

    /** The rows of buttons of {@code m}'s inline or reply keyboard; empty when it has none. */
    public static List<List<TlObject>> rows(TlObject m) {
        Object markup = m.has("reply_markup") ? m.get("reply_markup") : null;
        if (!(markup instanceof TlObject k) || k.constructor().param("rows") == null) return List.of();
        List<List<TlObject>> out = new ArrayList<>();
        for (Object row : k.getList("rows")) {
            List<TlObject> buttons = new ArrayList<>();
            for (Object b : ((TlObject) row).getList("buttons")) buttons.add((TlObject) b);
            out.add(buttons);
        }
        return out;
    }

    /**
     * Presses the button whose text is {@code which} (a String), or the {@code which}-th button counting row by row
     * from 0 (a Number).
     */
    public static Click click(TlObject m, Object which) {
        TlObject button = find(m, which);
        return switch (button.name()) {
            case "keyboardButtonCallback" ->
                new Call(new RawCall(
                        "messages.getBotCallbackAnswer",
                        Map.of(
                                "peer",
                                MessageActions.peer(m),
                                "msg_id",
                                m.getInt("id"),
                                "data",
                                button.getBytes("data"))));
            case "keyboardButtonUrl" -> new Url(button.getString("url"));
            default ->
                throw new IllegalArgumentException("click: a " + button.name()
                        + " cannot be pressed from a script (callback and URL buttons can)");
        };
    }

    private static TlObject find(TlObject m, Object which) {
        List<TlObject> all = new ArrayList<>();
        for (List<TlObject> row : rows(m)) all.addAll(row);
        if (all.isEmpty()) throw new IllegalArgumentException("click: message " + m.getInt("id") + " has no buttons");
        if (which instanceof Number n) {
            int i = n.intValue();
            if (i != n.doubleValue() || i < 0 || i >= all.size())
                throw new IllegalArgumentException(
                        "click: no button number " + which + " (the message has " + all.size() + ", counted from 0)");
            return all.get(i);
        }
        if (which instanceof String text) {
            List<String> names = new ArrayList<>();
            for (TlObject b : all) {
                String t = b.has("text") ? b.getString("text") : "";
                if (t.equals(text)) return b;
                names.add(t);
            }
            throw new IllegalArgumentException("click: no button '" + text + "' (the buttons: " + names + ")");
        }
        throw new IllegalArgumentException("click: say which button, by its text or its number, got " + which);
    }
}
