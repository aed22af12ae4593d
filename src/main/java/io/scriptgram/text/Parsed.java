package io.scriptgram.text;

import java.util.List;

/** What a parser read: the text and its spans, before normalisation. */
record Parsed(String text, List<Span> spans) {}
