package io.scriptgram.scripttest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scriptgram.chat.MessageFilter;
import io.scriptgram.chat.MessageKinds;
import io.scriptgram.chat.PeerIds;
import io.scriptgram.sandbox.SandboxChat;
import io.scriptgram.sandbox.SandboxUser;
import io.scriptgram.sandbox.WorldPuppets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An expectation's filter: the keys of {@code on()}'s filters ({@code pattern}, {@code chats}, {@code from},
 * {@code private}, {@code groups}, {@code channels}, {@code media}, {@code incoming}, {@code outgoing}), checked by the
 * same {@link MessageFilter}, with peers named as the world knows them ({@code "@alice"}, a group's {@code "@username"}
 * or title, {@code "me"}, a marked id). {@code text} asks for exactly that text.
 */
final class MessageMatch implements Predicate<SentLog.Sent> {
    static final List<String> KEYS = List.of(
            "pattern", "text", "incoming", "outgoing", "chats", "from", "private", "groups", "channels", "media");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pattern pattern;
    private final String text;
    private final MessageFilter filter;
    /** The filter as the test wrote it, for failure messages. */
    final String shown;

    private MessageMatch(Pattern pattern, String text, MessageFilter filter, String shown) {
        this.pattern = pattern;
        this.text = text;
        this.filter = filter;
        this.shown = shown;
    }

    static MessageMatch parse(String json, WorldPuppets world, String where) {
        ObjectNode f;
        try {
            JsonNode n = JSON.readTree(json == null ? "{}" : json);
            if (!(n instanceof ObjectNode o))
                throw new IllegalArgumentException(where + ": the filter must be an object");
            f = o;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": the filter is not plain data: " + e.getOriginalMessage());
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) unknown.add(k);
        }
        if (!unknown.isEmpty())
            throw new IllegalArgumentException(where + ": unknown filter key(s) " + unknown + "; known: " + KEYS);
        Pattern p = f.has("pattern") ? pattern(f.get("pattern"), where) : null;
        String text = f.has("text") ? f.get("text").asText() : null;
        long self = world.account().id();
        Boolean outgoing = direction(f, where);
        Set<Long> chats = peers(f.get("chats"), world, where + ": chats");
        Set<Long> from = peers(f.get("from"), world, where + ": from");
        Set<String> kinds = null;
        for (String k : List.of("private", "groups", "channels")) {
            if (f.has(k) && f.get(k).asBoolean()) {
                if (kinds == null) kinds = new LinkedHashSet<>();
                kinds.add(k);
            }
        }
        Set<String> media = null;
        if (f.has("media")) {
            media = new LinkedHashSet<>();
            JsonNode m = f.get("media");
            if (m.isArray()) for (JsonNode x : m) media.add(x.asText());
            else media.add(m.asText());
            List<String> bad = MessageKinds.unknown(new ArrayList<>(media));
            if (!bad.isEmpty())
                throw new IllegalArgumentException(
                        where + ": unknown media kind(s) " + bad + "; known: " + MessageKinds.KINDS);
        }
        return new MessageMatch(p, text, new MessageFilter(outgoing, chats, from, kinds, media, () -> self), show(f));
    }

    @Override
    public boolean test(SentLog.Sent s) {
        if (!filter.test(s.event())) return false;
        String body = s.message().has("message") ? s.message().getString("message") : "";
        if (text != null && !text.equals(body)) return false;
        return pattern == null || pattern.matcher(body).find();
    }

    private static Pattern pattern(JsonNode v, String where) {
        String source;
        String flags = "";
        if (v.isObject()) {
            source = v.path("source").asText();
            flags = v.path("flags").asText();
        } else source = v.asText();
        int f = 0;
        if (flags.contains("i")) f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        if (flags.contains("m")) f |= Pattern.MULTILINE;
        if (flags.contains("s")) f |= Pattern.DOTALL;
        try {
            return Pattern.compile(source, f);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": pattern: " + e.getDescription());
        }
    }

    private static Boolean direction(ObjectNode f, String where) {
        Boolean in = f.has("incoming") ? f.get("incoming").asBoolean() : null;
        Boolean out = f.has("outgoing") ? f.get("outgoing").asBoolean() : null;
        if (Boolean.TRUE.equals(in) && !Boolean.TRUE.equals(out))
            throw new IllegalArgumentException(
                    where + ": incoming: true matches nothing here: expectations look at what the script sent");
        return null;
    }

    private static Set<Long> peers(JsonNode v, WorldPuppets world, String where) {
        if (v == null || v.isNull()) return null;
        Set<Long> out = new LinkedHashSet<>();
        if (v.isArray()) for (JsonNode x : v) out.add(peer(x, world, where));
        else out.add(peer(v, world, where));
        return out;
    }

    /** A peer as a test names it → its marked id. */
    static long peer(JsonNode v, WorldPuppets world, String where) {
        if (v.isNumber()) return v.asLong();
        String s = v.asText().trim();
        if (s.matches("-?\\d+")) return Long.parseLong(s);
        if (s.equalsIgnoreCase("me") || s.equalsIgnoreCase("self"))
            return world.account().id();
        SandboxChat c = world.chat(s);
        if (c != null) return c.isChannelType() ? PeerIds.channel(c.id()) : PeerIds.chat(c.id());
        try {
            SandboxUser u = world.user(s);
            return u.id();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": no user or chat \"" + s + "\" in the world");
        }
    }

    private static String show(ObjectNode f) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, JsonNode> e : f.properties()) {
            if (b.length() > 1) b.append(", ");
            b.append(e.getKey()).append(": ");
            JsonNode v = e.getValue();
            if (e.getKey().equals("pattern") && v.isObject())
                b.append('/')
                        .append(v.path("source").asText())
                        .append('/')
                        .append(v.path("flags").asText());
            else b.append(v);
        }
        return b.append('}').toString();
    }
}
