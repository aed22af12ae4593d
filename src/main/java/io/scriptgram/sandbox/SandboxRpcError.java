package io.scriptgram.sandbox;

/**
 * An RPC error the sandbox answers instead of a result, as Telegram would: {@code code} (400, 401,
 * 303, 420…) and {@code message} ({@code TYPES_EMPTY}, {@code FLOOD_WAIT_2}). The server layer turns
 * it into an {@code rpc_error}.
 */
public final class SandboxRpcError extends RuntimeException {
    private final int code;
    private final String type;

    public SandboxRpcError(int code, String message) {
        super(code + " " + message, null, false, false);
        this.code = code;
        this.type = message;
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
