/**
 * Language-neutral high-level operations over the raw API (DESIGN.md "chat"): message actions (reply, edit, forward…),
 * filters and commands, iterators over pages, conversations, media send/download choices. {@code script} binds these
 * into JS and Python; it does not reimplement them.
 */
package io.scriptgram.chat;
