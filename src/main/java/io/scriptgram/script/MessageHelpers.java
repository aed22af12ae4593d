package io.scriptgram.script;

import io.scriptgram.chat.MessageActions;
import io.scriptgram.chat.MessageButtons;
import io.scriptgram.chat.ParseModes;
import io.scriptgram.chat.RawCall;
import io.scriptgram.chat.SentMessages;
import io.scriptgram.chat.TextFormats;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.Value;

/**
 * The binding of the message methods ({@code m.reply(…)}, {@code m.edit(…)}, …) for one script: the message and the
 * arguments from the script, the raw call from {@link MessageActions} ({@code chat}), the same permission check as that
 * raw method (a refusal names it), and the answer as the sent or edited message object where there is one.
 */
final class MessageHelpers {
    private final ScriptRuntime rt;
    private final Bridge bridge;
    private final TlSchema schema;
    private final MessageActions actions;
    private final ParseModes parseModes;

    MessageHelpers(ScriptRuntime rt, Bridge bridge) {
        this.rt = rt;
        this.bridge = bridge;
        this.schema = rt.host().api().schema();
        this.actions = new MessageActions(schema);
        this.parseModes = new ParseModes(schema, rt.host()::inputUser);
    }

    ParseModes parseModes() {
        return parseModes;
    }

    /** {@code host.msg(action, message, arg, opts)}: starts the action; the future's value goes to the script. */
    CompletableFuture<?> start(Value[] a) {
        String action = a[0].asString();
        String what = "m." + action + "()";
        TlObject m = message(a[1], what);
        Object arg = a.length > 2 ? rt.values().toJava(a[2], what) : null;
        Map<String, Object> opts = options(a.length > 3 ? a[3] : null, what);
        RawCall call = switch (action) {
            case "reply" -> actions.reply(m, text(arg, what), opts);
            case "respond" -> actions.respond(m, text(arg, what), opts);
            case "edit" -> actions.edit(m, text(arg, what), opts);
            case "delete" -> actions.delete(m, opts);
            case "forward" -> actions.forward(m, arg, opts);
            case "react" -> actions.react(m, arg == null ? "" : text(arg, what));
            case "pin" -> actions.pin(m, opts);
            case "read" -> actions.read(m);
            case "getReply" -> actions.getReply(m);
            case "click" -> {
                MessageButtons.Click c = MessageButtons.click(m, arg);
                if (c instanceof MessageButtons.Url u) yield new RawCall("", Map.of("url", u.url()));
                yield ((MessageButtons.Call) c).call();
            }
            default -> throw new IllegalArgumentException("no message method '" + action + "'");
        };
        if (call == null) return CompletableFuture.completedFuture(null); // getReply of a message that answers none
        if (call.method().isEmpty())
            return CompletableFuture.completedFuture(call.params().get("url"));
        if (action.equals("reply") || action.equals("respond") || action.equals("edit"))
            call = new RawCall(
                    call.method(),
                    parseModes.apply(
                            call.method(),
                            new LinkedHashMap<>(call.params()),
                            rt.host().parseMode()));
        bridge.permit(what, call.method());
        RawCall sent = call;
        return rt.calls().invoke(call.method(), call.params()).thenApply(r -> answer(action, sent, r));
    }

    /** The sent or edited message (with its users and chats) where the answer has one; else the raw answer. */
    private Object answer(String action, RawCall call, Object r) {
        switch (action) {
            case "reply", "respond", "edit", "forward", "pin" -> {
                SentMessages.Found f = SentMessages.find(schema, call, r, selfId());
                return f == null ? r : InContext.of(f.message(), f.users(), f.chats());
            }
            case "getReply" -> {
                if (r instanceof TlObject t && t.get("messages") instanceof List<?> list) {
                    for (Object o : list)
                        if (o instanceof TlObject msg && MessageObjects.isMessage(msg))
                            return InContext.of(msg, t.getList("users"), t.getList("chats"));
                }
                return null;
            }
            default -> {
                return r;
            }
        }
    }

    /** {@code host.msgInfo(what, message)}: the synchronous extras (buttons, markdown, html). */
    Object info(Value[] a) {
        String what = a[0].asString();
        TlObject m = message(a[1], what);
        return switch (what) {
            case "buttons" -> {
                List<Object> rows = new ArrayList<>();
                rows.addAll(MessageButtons.rows(m));
                yield rt.values().toGuest(rows);
            }
            case "markdown", "html" ->
                TextFormats.render(what, m.has("message") ? m.getString("message") : "", entities(m));
            default -> throw new IllegalArgumentException("no message property '" + what + "'");
        };
    }

    private static List<?> entities(TlObject m) {
        return m.has("entities") && m.get("entities") instanceof List<?> l ? l : List.of();
    }

    private long selfId() {
        TlObject me = rt.spec().self() != null ? rt.spec().self() : rt.host().self();
        return me != null && me.has("id") ? me.getLong("id") : 0;
    }

    /** The message a method was called on, back from the script: its TL fields (what the script added is left out). */
    private TlObject message(Value v, String what) {
        if (rt.values().toJava(v, what) instanceof Map<?, ?> map && map.get("_") instanceof String name) {
            TlConstructor c = schema.byName(name);
            if (c != null && !c.isFunction()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String k = String.valueOf(e.getKey());
                    if (k.equals("_") || c.param(k) != null) fields.put(k, e.getValue());
                }
                TlObject m = TlObject.of(schema, fields);
                if (MessageObjects.isMessage(m)) return m;
            }
        }
        throw new IllegalArgumentException(what + ": called on something that is not a message");
    }

    private Map<String, Object> options(Value v, String what) {
        if (v == null || v.isNull()) return Map.of();
        Object o = rt.values().toJava(v, what + ": options");
        if (o instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) out.put(String.valueOf(e.getKey()), e.getValue());
            return out;
        }
        throw new IllegalArgumentException(what + ": options must be an object like {silent: true}, got " + o);
    }

    private static String text(Object arg, String what) {
        if (arg instanceof String s) return s;
        throw new IllegalArgumentException(what + ": expected text, got " + (arg == null ? "nothing" : arg));
    }
}
