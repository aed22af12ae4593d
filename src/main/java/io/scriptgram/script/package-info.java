/**
 * The script host: JavaScript (GraalJS, ES modules) and Python (GraalPy) scripts using the whole Telegram API by name.
 *
 * <p>{@link io.scriptgram.script.ScriptHost} owns the watchdog and timers and loads
 * {@link io.scriptgram.script.ScriptSpec}s into {@link io.scriptgram.script.ScriptHandle}s. Each script gets its own
 * Context on the process's one Engine, and its own thread: every callback, timer, promise settlement and update handler
 * of that script runs there. Contexts are locked down ({@code HostAccess.EXPLICIT}, no class lookup, threads,
 * processes, native code or environment; the only files readable are the script's own folder). The only host object a
 * script sees is a fixed set of functions ({@code Bridge}); its globals are built over it by a small prelude per
 * language ({@code prelude.js}, {@code prelude.py}).
 *
 * <p>Values ({@code Values}): results become native objects (JS objects/arrays, Python dict-based
 * {@code TlObject}s/lists) with {@code _} naming the constructor. TL {@code long}: JS Number when |v| ≤ 2^53, BigInt
 * beyond (exact); input accepts numbers, BigInt and decimal strings, and refuses a JS Number above 2^53 as inexact.
 * Python ints are exact both ways. bytes/int128/int256 are Uint8Array/bytes. {@code true} flags read as true/false;
 * other absent optional fields are left out. A left-out {@code hash} is sent as 0.
 *
 * <p>Only {@code client}, {@code tl} and {@code store} are used from the project; no GraalVM type leaves this package.
 */
package io.scriptgram.script;
