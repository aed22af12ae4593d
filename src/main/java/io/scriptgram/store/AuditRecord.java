package io.scriptgram.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of the audit log: at {@code at}, plugin {@code plugin} of account {@code account} called {@code method}
 * (about {@code peer}, when the call names one) and it ended in {@code outcome} ({@code detail}: the error, or the
 * permissions granted) after {@code micros}.
 */
public record AuditRecord(
        Instant at,
        String plugin,
        String account,
        String method,
        String peer,
        Outcome outcome,
        String detail,
        long micros) {

    /** How a call ended, as the log shows it. */
    public enum Outcome {
        /** Answered. */
        OK,
        /** Telegram (or the connection) answered with an error; {@code detail} says which. */
        ERROR,
        /** Refused before it was sent: permissions, budget or an account-wide FLOOD_WAIT; {@code detail} says why. */
        REFUSED,
        /** Not a call: install or update granted these permissions ({@code detail}). */
        GRANTED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Outcome of(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT));
        }
    }

    public AuditRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(outcome, "outcome");
        account = account == null ? "" : account;
    }
}
