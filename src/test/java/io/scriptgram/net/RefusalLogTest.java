package io.scriptgram.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A flood of refusals from one address writes one line a minute per reason, not one per connection. */
class RefusalLogTest {
    /** Keeps what would be logged. */
    private static final class Lines implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(MessageFormat.format(format, params));
        }
    }

    @Test
    void eachReasonIsLoggedOncePerAddressAndMinuteWithTheCountSince() {
        AtomicLong now = new AtomicLong();
        Lines out = new Lines();
        RefusalLog log = new RefusalLog(now::get, out);
        for (int i = 0; i < 1000; i++) log.refused("127.0.0.2", "too many connections", i + " open");
        assertEquals(List.of("127.0.0.2: too many connections: 0 open"), out.lines);
        // Another reason, another address: each gets its own first line.
        log.refused("127.0.0.2", "frame too long", "16 MiB");
        log.refused("127.0.0.3", "too many connections", "33 open");
        assertEquals(3, out.lines.size(), out.lines.toString());
        now.addAndGet(RefusalLog.WINDOW_NANOS);
        log.refused("127.0.0.2", "too many connections", "40 open");
        assertEquals(
                "127.0.0.2: too many connections: 40 open (and 999 more from this address in the last minute)",
                out.lines.get(3));
        assertTrue(out.lines.size() == 4, out.lines.toString());
    }
}
