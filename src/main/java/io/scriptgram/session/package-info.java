/**
 * Sessions of other MTProto libraries (Telethon, Pyrogram, GramJS, mtcute) and our own portable session string, read
 * into one {@link io.scriptgram.session.PortableSession} and written back out. Pure parsing and formatting, plus the
 * two SQLite {@code .session} file readers; connecting to check an imported key is the host's job.
 */
package io.scriptgram.session;
