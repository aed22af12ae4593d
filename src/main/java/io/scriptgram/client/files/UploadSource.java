package io.scriptgram.client.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where an upload's bytes come from, read strictly in order (part 0, 1, 2…) so one pass also feeds the MD5 of a small
 * file and a stream needs no seeking. Checks that the source holds exactly the size announced.
 */
abstract class UploadSource implements Closeable {
    final String name;
    final long size;
    long position;

    private UploadSource(String name, long size) {
        this.name = name;
        this.size = size;
    }

    /** The next {@code length} bytes; fails naming the offset when the source ends early. */
    abstract byte[] next(int length) throws IOException;

    /** Called after the last part: fails when the source holds more than {@code size} bytes. */
    abstract void checkEnd() throws IOException;

    @Override
    public void close() throws IOException {}

    FileTransferException endedEarly(long at) {
        return new FileTransferException("upload of " + name + ": the source ended at byte " + at + ", expected " + size
                + " bytes (did it change while uploading?)");
    }

    static UploadSource of(byte[] bytes, String name) {
        return new UploadSource(name, bytes.length) {
            @Override
            byte[] next(int length) {
                byte[] b = Arrays.copyOfRange(bytes, (int) position, (int) position + length);
                position += length;
                return b;
            }

            @Override
            void checkEnd() {}
        };
    }

    static UploadSource of(InputStream in, long size, String name) {
        return new UploadSource(name, size) {
            @Override
            byte[] next(int length) throws IOException {
                byte[] b = in.readNBytes(length);
                if (b.length < length) throw endedEarly(position + b.length);
                position += length;
                return b;
            }

            @Override
            void checkEnd() throws IOException {
                if (in.read() != -1) {
                    throw new FileTransferException(
                            "upload of " + name + ": the stream holds more than the " + size + " bytes announced");
                }
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** A file opened for reading; its size now is the size uploaded. */
    static UploadSource of(FileChannel ch, Path file, String name) throws IOException {
        long size = ch.size();
        return new UploadSource(name, size) {
            @Override
            byte[] next(int length) throws IOException {
                ByteBuffer buf = ByteBuffer.allocate(length);
                while (buf.hasRemaining()) {
                    if (ch.read(buf, position + buf.position()) < 0) throw endedEarly(position + buf.position());
                }
                position += length;
                return buf.array();
            }

            @Override
            void checkEnd() throws IOException {
                if (ch.size() != size) {
                    throw new FileTransferException("upload of " + file + ": the file changed size while uploading ("
                            + size + " → " + ch.size() + " bytes)");
                }
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
