/**
 * The updates engine (part of the {@code client} layer): ordering by pts, qts, seq and channel pts, gap recovery with
 * updates.getDifference / updates.getChannelDifference, short updates expanded, handlers by update or event name, the
 * state kept in the session store. Entry point: {@link io.scriptgram.client.updates.UpdatesEngine}.
 */
package io.scriptgram.client.updates;
