package io.scriptgram.sandbox;

import io.scriptgram.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Faults to inject, as data. The handler dispatcher applies the RPC ones (FLOOD_WAIT on a method, PHONE_MIGRATE /
 * USER_MIGRATE); the server layer reads the network ones (drop the connection after N messages, delay replies, answer
 * bad_server_salt once). Thread-safe.
 *
 * <p>Spec strings ({@link #parse}), comma-separated or one per argument:
 *
 * <ul>
 *   <li>{@code drop:N} — close a connection after it has carried N messages from the client
 *   <li>{@code delay:D} — delay every reply by D ({@code 250ms}, {@code 2s}, {@code 1m}; a bare number is seconds): the
 *       call is handled D after it arrives
 *   <li>{@code late:D} — handle every call at once (the world changes, other users see it) but send its answer D later:
 *       the client waits for what has already happened
 *   <li>{@code bad_salt} — answer the next message with bad_server_salt once
 *   <li>{@code restart:N} — restart the server (every connection closed, the world and auth keys kept) once, after it
 *       has received N client messages in all
 *   <li>{@code flood:METHOD:WAIT[:COUNT]} — the next COUNT calls (default 1) of METHOD answer 420 FLOOD_WAIT_N, N being
 *       WAIT in whole seconds ({@code 5}, {@code 30s}, {@code 1m})
 *   <li>{@code phone_migrate:DC[:PHONE]} — auth.sendCode/signIn/signUp for PHONE (default: every phone) on a DC other
 *       than DC answer 303 PHONE_MIGRATE_DC
 *   <li>{@code user_migrate:DC[:USER_ID]} — calls needing a login from sessions of USER_ID (default: every user) on
 *       another DC answer 303 USER_MIGRATE_DC, except sessions logged in with auth.importAuthorization
 *   <li>{@code cdn_tamper[:N]} — the next N (default 1) upload.cdnFile parts the CDN DC sends have one byte altered
 *   <li>{@code cdn_wrong_key} — help.getCdnConfig names an RSA key the CDN DC does not hold
 * </ul>
 */
public final class Faults {
    private record Flood(int seconds, int remaining) {}

    private record Migrate(int dc, String who) {}

    private int dropAfterMessages = -1;
    private int restartAfterMessages = -1;
    private Duration replyDelay = Duration.ZERO;
    private Duration answerDelay = Duration.ZERO;
    private boolean badSaltPending;
    private final Map<String, Flood> floods = new HashMap<>();
    private final List<Migrate> phoneMigrates = new ArrayList<>();
    private final List<Migrate> userMigrates = new ArrayList<>();
    private int cdnTamper;
    private boolean cdnWrongKey;

    /** No faults. */
    public Faults() {}

    /** Faults from spec strings (see the class comment); each may hold several, comma-separated. */
    public static Faults parse(String... specs) {
        Faults f = new Faults();
        for (String spec : specs) {
            if (spec == null) continue;
            for (String one : spec.split(",")) {
                if (!one.isBlank()) f.add(one.trim());
            }
        }
        return f;
    }

    /** Adds one fault given as a spec string; an unknown or malformed one is refused naming what is wrong. */
    public synchronized Faults add(String spec) {
        String[] p = spec.split(":", -1);
        switch (p[0]) {
            case "drop" -> {
                arity(spec, p, 2, 2);
                dropAfterMessages = number(spec, "N", p[1], 1, Integer.MAX_VALUE);
            }
            case "delay" -> {
                arity(spec, p, 2, 2);
                replyDelay = duration(spec, "delay", p[1]);
            }
            case "late" -> {
                arity(spec, p, 2, 2);
                answerDelay = duration(spec, "late", p[1]);
            }
            case "restart" -> {
                arity(spec, p, 2, 2);
                restartAfterMessages = number(spec, "N", p[1], 1, Integer.MAX_VALUE);
            }
            case "bad_salt", "bad_server_salt" -> {
                arity(spec, p, 1, 1);
                badSaltPending = true;
            }
            case "flood" -> {
                arity(spec, p, 3, 4);
                if (!p[1].matches("[A-Za-z_][\\w.]*")) throw bad(spec, "METHOD '" + p[1] + "' is not a method name");
                int count = p.length == 4 ? number(spec, "COUNT", p[3], 1, 1_000_000) : 1;
                floods.put(p[1], new Flood(floodSeconds(spec, p[2]), count));
            }
            case "phone_migrate" -> {
                arity(spec, p, 2, 3);
                phoneMigrates.add(
                        new Migrate(number(spec, "DC", p[1], 1, 1000), p.length == 3 ? Phones.digits(p[2]) : null));
            }
            case "user_migrate" -> {
                arity(spec, p, 2, 3);
                String who = null;
                if (p.length == 3) {
                    if (!p[2].trim().matches("\\d{1,18}")) throw bad(spec, "USER_ID '" + p[2] + "' is not a user id");
                    who = String.valueOf(Long.parseLong(p[2].trim()));
                }
                userMigrates.add(new Migrate(number(spec, "DC", p[1], 1, 1000), who));
            }
            case "cdn_tamper" -> {
                arity(spec, p, 1, 2);
                cdnTamper = p.length == 2 ? number(spec, "N", p[1], 1, 1_000_000) : 1;
            }
            case "cdn_wrong_key" -> {
                arity(spec, p, 1, 1);
                cdnWrongKey = true;
            }
            default ->
                throw bad(
                        spec,
                        "unknown fault '" + p[0]
                                + "' (known: drop, delay, late, bad_salt, restart, flood, phone_migrate,"
                                + " user_migrate, cdn_tamper, cdn_wrong_key)");
        }
        return this;
    }

    // ---- network faults, read by the server ----

    /** Close a connection after this many client messages; -1 for never. */
    public synchronized int dropAfterMessages() {
        return dropAfterMessages;
    }

    /** Restart the server once after this many client messages in all; -1 for never. */
    public synchronized int restartAfterMessages() {
        return restartAfterMessages;
    }

    /** The server calls this when it has restarted, so the restart happens once. */
    public synchronized void restarted() {
        restartAfterMessages = -1;
    }

    public synchronized Duration replyDelay() {
        return replyDelay;
    }

    /** How long a handled call's answer is held back ({@code late:D}). */
    public synchronized Duration answerDelay() {
        return answerDelay;
    }

    /** True once after {@code bad_salt} was set: the server answers that message with bad_server_salt. */
    public synchronized boolean takeBadServerSalt() {
        boolean b = badSaltPending;
        badSaltPending = false;
        return b;
    }

    // ---- RPC faults, applied by Handlers ----

    /** Throws FLOOD_WAIT_X if {@code method} has flood calls left (and counts this one). */
    synchronized void checkFlood(String method) {
        Flood f = floods.get(method);
        if (f == null) return;
        if (f.remaining() <= 1) floods.remove(method);
        else floods.put(method, new Flood(f.seconds(), f.remaining() - 1));
        throw new SandboxRpcError(420, "FLOOD_WAIT_" + f.seconds());
    }

    /** The DC a login for {@code phoneDigits} must happen on, or 0 when no fault says so. */
    synchronized int phoneMigrateDc(String phoneDigits) {
        for (Migrate m : phoneMigrates) if (m.who() == null || m.who().equals(phoneDigits)) return m.dc();
        return 0;
    }

    /** The DC {@code userId}'s calls must go to, or 0 when no fault says so. */
    synchronized int userMigrateDc(long userId) {
        for (Migrate m : userMigrates) if (m.who() == null || m.who().equals(String.valueOf(userId))) return m.dc();
        return 0;
    }

    // ---- CDN faults, applied by CdnHandlers ----

    /** True (and counted) when the next CDN part should be altered. */
    synchronized boolean takeCdnTamper() {
        if (cdnTamper == 0) return false;
        cdnTamper--;
        return true;
    }

    synchronized boolean cdnWrongKey() {
        return cdnWrongKey;
    }

    private static void arity(String spec, String[] p, int min, int max) {
        if (p.length < min || p.length > max) {
            throw bad(
                    spec,
                    "expected " + (min == max ? min - 1 : (min - 1) + " to " + (max - 1))
                            + " ':'-separated values after '" + p[0] + "'");
        }
    }

    private static int number(String spec, String what, String text, long min, long max) {
        long n;
        try {
            n = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw bad(spec, what + " '" + text + "' is not a whole number");
        }
        if (n < min || n > max) throw bad(spec, what + " " + n + " is out of range " + min + ".." + max);
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    private static Duration duration(String spec, String what, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad(spec, what + " " + e.getMessage());
        }
    }

    /** FLOOD_WAIT_N carries whole seconds, up to a day. */
    private static int floodSeconds(String spec, String text) {
        Duration d = duration(spec, "WAIT", text);
        if (d.toMillis() % 1000 != 0 || d.toSeconds() > 86_400) {
            throw bad(spec, "WAIT '" + text + "' must be whole seconds from 0 to 1d");
        }
        return (int) d.toSeconds();
    }

    private static IllegalArgumentException bad(String spec, String why) {
        return new IllegalArgumentException("fault '" + spec + "': " + why);
    }

    @Override
    public synchronized String toString() {
        return "Faults{drop=" + dropAfterMessages + ", restart=" + restartAfterMessages + ", delay=" + replyDelay
                + ", late=" + answerDelay
                + ", badSalt=" + badSaltPending + ", flood=" + floods.keySet() + ", phoneMigrate="
                + phoneMigrates.size() + ", userMigrate=" + userMigrates.size() + "}";
    }
}
