package io.scriptgram.sandbox;

/**
 * An RPC error the sandbox answers instead of a result, as Telegram would: {@code code} (400, 401, 303, 420…) and
 * {@code message} ({@code TYPES_EMPTY}, {@code FLOOD_WAIT_2}). The server layer turns it into an {@code rpc_error}.
 */
public final class SandboxRpcError extends RuntimeException {
    /**
     * The type of every 500 the sandbox answers, as Telegram's documentation lists it; the cause stays in the server's
     * log and never reaches the client.
     */
    public static final String INTERNAL = "INTERNAL";

    private final int code;
    private final String type;

    public SandboxRpcError(int code, String message) {
        this(code, message, null);
    }

    private SandboxRpcError(int code, String message, Throwable cause) {
        // No stack trace: these are answers, not failures, and flood tests make many.
        super(code + " " + message, cause, false, cause != null);
        this.code = code;
        this.type = message;
    }

    /**
     * An unexpected failure inside a handler, answered as 500 {@value #INTERNAL} so one bad call does not break the
     * session; the cause is kept for the server's log.
     */
    public static SandboxRpcError internal(String method, RuntimeException cause) {
        return new SandboxRpcError(500, INTERNAL, new IllegalStateException(method + " failed in the sandbox", cause));
    }

    public static SandboxRpcError badRequest(String message) {
        return new SandboxRpcError(400, message);
    }

    public int code() {
        return code;
    }

    /** The error text exactly as sent in {@code rpc_error.error_message}. */
    public String errorMessage() {
        return type;
    }
}
