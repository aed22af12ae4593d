package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MIB = 1024 * 1024;
    private final StringWriter text = new StringWriter();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ProgressBar bar =
            new ProgressBar(new PrintWriter(text), "f.bin", now::get, Duration.ofMillis(100), 10);

    @Test
    void drawsFractionSizeSpeedAndTimeLeft() {
        bar.update(0, 100 * MIB);
        now.addAndGet(2_000_000_000L); // 2 s later, 40 MiB moved: 20 MB/s, 60 MiB left → 3 s
        bar.update(40 * MIB, 100 * MIB);
        String[] frames = text.toString().split("\r");
        assertEquals("f.bin [>         ]   0%  0.0/100.0 MB", frames[1]);
        assertEquals("f.bin [====>     ]  40%  40.0/100.0 MB  20.0 MB/s  ETA 0:03", frames[2]);
    }

    @Test
    void redrawsAtMostOncePerIntervalButAlwaysAtTheEnd() {
        bar.update(0, 10 * MIB);
        now.addAndGet(10_000_000L); // 10 ms: too soon
        bar.update(MIB, 10 * MIB);
        now.addAndGet(10_000_000L);
        bar.update(10 * MIB, 10 * MIB); // the end is always drawn, then a newline
        bar.update(10 * MIB, 10 * MIB); // and nothing after it
        String out = text.toString();
        assertEquals(2, out.split("\r", -1).length - 1, out);
        assertTrue(out.endsWith("f.bin [==========] 100%  10.0/10.0 MB  500.0 MB/s" + System.lineSeparator()), out);
    }

    @Test
    void aResumedTransferCountsSpeedFromWhereItStarted() {
        bar.update(50 * MIB, 100 * MIB);
        now.addAndGet(1_000_000_000L);
        bar.update(60 * MIB, 100 * MIB);
        assertTrue(text.toString().endsWith("60.0/100.0 MB  10.0 MB/s  ETA 0:04"), text.toString());
    }
}
