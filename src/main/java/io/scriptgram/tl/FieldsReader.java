package io.scriptgram.tl;

/**
 * Reads one constructor's fields (the bytes after its id) into a {@link TlObject}; {@link FieldsCompiler} makes one per
 * constructor, straight-line code with the slots and flag bits as constants. An abstract class rather than an
 * interface: every object decoded makes this call with a different receiver class, and a virtual call through the
 * vtable is a fixed two loads where an interface call searches the receiver's itable (9% of decode time measured).
 */
abstract class FieldsReader {
    abstract TlObject read(TlCodec codec, TlReader r, TlConstructor c, int depth);
}
