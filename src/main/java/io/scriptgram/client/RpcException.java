package io.scriptgram.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RPC error from Telegram: {@code code} (400, 420, 303…), {@code type} with the numeric part generalised
 * ({@code FLOOD_WAIT_17} → type {@code FLOOD_WAIT}, argument 17), and the method called.
 */
public final class RpcException extends RuntimeException {
    private static final Pattern NUMBERED = Pattern.compile("^(.*?)_(\\d+)$");
    private static final Pattern NUMBERED_INSIDE = Pattern.compile("^(.*?)_(\\d+)_(.*)$");

    private final int code;
    private final String type;
    private final String rawMessage;
    private final long argument;
    private final String method;

    public RpcException(int code, String message, String method) {
        super("RPC error " + code + " " + message + (method == null ? "" : " (" + method + ")"));
        this.code = code;
        this.rawMessage = message;
        this.method = method;
        Matcher m = NUMBERED.matcher(message);
        Matcher inside = NUMBERED_INSIDE.matcher(message);
        if (m.matches()) {
            this.type = m.group(1);
            this.argument = parse(m.group(2));
        } else if (inside.matches() && inside.group(1).length() > 0) {
            // e.g. FLOOD_PREMIUM_WAIT_3_X style messages keep their words, the number is the argument
            this.type = inside.group(1) + "_" + inside.group(3);
            this.argument = parse(inside.group(2));
        } else {
            this.type = message;
            this.argument = -1;
        }
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public int code() {
        return code;
    }

    /** The error type without its number: {@code FLOOD_WAIT}, {@code PHONE_MIGRATE}, {@code TYPES_EMPTY}. */
    public String type() {
        return type;
    }

    /** The error text exactly as Telegram sent it ({@code FLOOD_WAIT_17}). */
    public String rawMessage() {
        return rawMessage;
    }

    /** The number in the error ({@code 17} in FLOOD_WAIT_17, the DC in PHONE_MIGRATE_2), or -1. */
    public long argument() {
        return argument;
    }

    /** The method that was called, when known. */
    public String method() {
        return method;
    }

    /** Seconds to wait for FLOOD_WAIT / SLOWMODE_WAIT style errors, else -1. */
    public long seconds() {
        return type.endsWith("_WAIT") || type.contains("WAIT") ? argument : -1;
    }
}
