package io.scriptgram.sandbox;

import io.scriptgram.tl.MethodInfo;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlWriter;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sandbox's API: method name → {@link Handler}, and the dispatcher that applies Telegram's rules before a handler
 * runs, in this order: wrappers ({@code invokeWithLayer}, {@code initConnection}…) unwrapped; a method without a
 * handler → 400 {@value #NOT_IMPLEMENTED}; a method that needs a login before it → 401 AUTH_KEY_UNREGISTERED; a method
 * bots may not use from a bot session → 400 BOT_METHOD_INVALID; injected faults (USER_MIGRATE_X, FLOOD_WAIT_X). The
 * handler then runs with the world's lock held; updates it emitted go to the {@link UpdateSink} after the lock is
 * released. A handler failing with anything but {@link SandboxRpcError} answers 500 {@value SandboxRpcError#INTERNAL};
 * the method and the exception are logged here, and the client learns nothing more than the type.
 */
public final class Handlers {
    private static final Logger LOG = Logger.getLogger(Handlers.class.getName());
    /** The error type for a method the sandbox has no handler for; the message names the method. */
    public static final String NOT_IMPLEMENTED = "METHOD_NOT_IMPLEMENTED_IN_SANDBOX";

    /**
     * Methods core.telegram.org documents as usable by bots although the bundled methods.tsv marks them user-only (its
     * source lists few methods for bots); without these a bot session could not even fetch the config.
     */
    private static final Set<String> BOTS_MAY_CALL = Set.of(
            "help.getConfig",
            "help.getNearestDc",
            "users.getUsers",
            "users.getFullUser",
            "contacts.resolveUsername",
            "messages.sendMessage",
            "messages.sendMedia",
            "updates.getState",
            "updates.getDifference",
            "upload.saveFilePart",
            "upload.saveBigFilePart",
            "upload.getFile",
            "auth.exportAuthorization",
            "auth.importAuthorization",
            "auth.importBotAuthorization");

    private record Entry(Handler handler, boolean needsLogin) {}

    private final World world;
    private final Faults faults;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Set<String> missingLogged = ConcurrentHashMap.newKeySet();
    /** The world's CDN DC, read once: every call checks it. */
    private final int cdnDc;

    /** An empty registry over {@code world}; see {@link #standard} for the full sandbox API. */
    public Handlers(World world, Faults faults) {
        this.world = world;
        this.faults = faults == null ? new Faults() : faults;
        this.cdnDc = world.cdn().dcId();
    }

    /** Every handler the sandbox has. */
    public static Handlers standard(World world, Faults faults) {
        Handlers h = new Handlers(world, faults);
        for (String f : world.cdnFaults()) h.faults.add(f);
        HelpHandlers.register(h, world);
        AuthHandlers.register(h, world, h.faults);
        AccountHandlers.register(h, world);
        UsersHandlers.register(h, world);
        ContactsHandlers.register(h, world);
        MessagesHandlers.register(h, world);
        MessageActionsHandlers.register(h, world);
        PagingHandlers.register(h, world);
        ChatPhotoHandlers.register(h, world);
        JoinHandlers.register(h, world);
        UpdatesHandlers.register(h, world);
        UploadHandlers.register(h, world);
        CdnHandlers.register(h, world); // after UploadHandlers and HelpHandlers: it wraps getFile and getConfig
        return h;
    }

    public World world() {
        return world;
    }

    public Faults faults() {
        return faults;
    }

    /** Adds or replaces a method that needs a logged-in session. */
    public synchronized void register(String method, Handler handler) {
        entries.put(method, new Entry(handler, true));
    }

    /** Adds or replaces a method that works before login (help.*, auth.*). */
    public synchronized void registerPublic(String method, Handler handler) {
        entries.put(method, new Entry(handler, false));
    }

    /** The handler registered for {@code method}, or null (tests wrap one to count or alter calls). */
    public synchronized Handler handler(String method) {
        Entry e = entries.get(method);
        return e == null ? null : e.handler();
    }

    public synchronized Set<String> methods() {
        return Collections.unmodifiableSet(new TreeSet<>(entries.keySet()));
    }

    /**
     * Calls the method in {@code request} for the session {@code ctx}: the result (a TlObject, a List for vectors, a
     * Boolean for Bool) or a thrown {@link SandboxRpcError}.
     */
    public Object call(CallContext ctx, TlObject request) {
        TlObject q = unwrap(request);
        TlConstructor c = q.constructor();
        if (!c.isFunction()) throw SandboxRpcError.badRequest("INPUT_METHOD_INVALID");
        String method = c.name();
        Entry e;
        synchronized (this) {
            e = entries.get(method);
        }
        if (e == null) throw notImplemented(method);
        // A CDN DC serves file parts and nothing else.
        if (ctx.dc() == cdnDc && !method.equals("upload.getCdnFile"))
            throw SandboxRpcError.badRequest("CDN_METHOD_INVALID");
        if (e.needsLogin() && !ctx.loggedIn()) throw new SandboxRpcError(401, "AUTH_KEY_UNREGISTERED");
        if (ctx.bot() && !botsMayCall(ctx, method)) throw SandboxRpcError.badRequest("BOT_METHOD_INVALID");
        if (e.needsLogin() && !ctx.imported()) {
            int dc = faults.userMigrateDc(ctx.userId());
            if (dc != 0 && dc != ctx.dc()) throw new SandboxRpcError(303, "USER_MIGRATE_" + dc);
        }
        faults.checkFlood(method);
        try {
            synchronized (world) {
                return e.handler().handle(ctx, q);
            }
        } catch (SandboxRpcError rpc) {
            throw rpc;
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "sandbox: " + method + " failed; answered 500 " + SandboxRpcError.INTERNAL, bug);
            throw SandboxRpcError.internal(method, bug);
        } finally {
            ctx.flush();
        }
    }

    /**
     * The answer to a method the sandbox lacks: 400 naming it. The first call of each such method is logged, so a user
     * sees what to ask for without a line per call.
     */
    public SandboxRpcError notImplemented(String method) {
        if (missingLogged.add(method)) {
            LOG.info("sandbox: a client called " + method + ", which the sandbox does not implement; answered 400 "
                    + NOT_IMPLEMENTED + " (logged once per method)");
        }
        return SandboxRpcError.badRequest(NOT_IMPLEMENTED + ": " + method);
    }

    private static boolean botsMayCall(CallContext ctx, String method) {
        MethodInfo info = ctx.schema().methodInfo(method);
        return info == null || info.botsMayCall() || BOTS_MAY_CALL.contains(method);
    }

    /** The method inside wrappers such as {@code invokeWithLayer(initConnection(query))}. */
    public static TlObject unwrap(TlObject request) {
        TlObject q = request;
        for (int depth = 0; depth < 16; depth++) {
            TlConstructor c = q.constructor();
            if (!c.isFunction() || c.param("query") == null || !(q.get("query") instanceof TlObject inner)) return q;
            if (!(c.name().startsWith("invoke") || c.name().equals("initConnection"))) return q;
            q = inner;
        }
        return q;
    }

    /** A result serialized as the (unwrapped) method's result type, as the server puts it in rpc_result. */
    public static byte[] encodeResult(TlObject request, Object result) {
        TlWriter w = new TlWriter(256);
        TlCodec.writeValue(w, unwrap(request).constructor().resultType(), result);
        return w.toByteArray();
    }
}
