package io.scriptgram.tl;

/**
 * Reads one constructor's fields (the bytes after its id) into a {@link TlObject}; {@link FieldsCompiler} makes one per
 * constructor, straight-line code with the slots and flag bits as constants.
 */
interface FieldsReader {
    TlObject read(TlCodec codec, TlReader r, TlConstructor c, int depth);
}
