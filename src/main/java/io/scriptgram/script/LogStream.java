package io.scriptgram.script;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A script's stdout/stderr: each line becomes one log record (long lines are cut, so output cannot fill memory). */
final class LogStream extends OutputStream {
    private static final int MAX_LINE = 16 * 1024;
    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LogStream(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else if (line.size() < MAX_LINE) {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) write(b[i]);
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0) flushLine();
    }

    private void flushLine() {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (s.endsWith("\r")) s = s.substring(0, s.length() - 1);
        sink.accept(s);
    }
}
