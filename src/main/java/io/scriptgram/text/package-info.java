/**
 * Markdown and HTML ⇄ plain text + message entities, with offsets and lengths in UTF-16 code units as Telegram counts
 * them: one implementation for JS and Python scripts alike. Pure functions, no I/O.
 */
package io.scriptgram.text;
