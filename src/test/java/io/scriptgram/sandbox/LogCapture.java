package io.scriptgram.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what the sandbox's classes log (java.util.logging), for tests that check what goes to the log. */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord r) {
        records.add(r);
    }

    synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
