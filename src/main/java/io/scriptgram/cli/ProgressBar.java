package io.scriptgram.cli;

import io.scriptgram.client.files.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for long transfers on a terminal, redrawn in place with {@code \r}: {@code report.pdf
 * [=========> ] 47% 23.5/50.0 MB 41.2 MB/s ETA 0:01}. Redraws at most every {@code interval} (and always at the end,
 * followed by a newline), so a fast transfer does not flood the terminal. Speed counts only bytes moved by this run (a
 * resumed download starts above 0).
 */
public final class ProgressBar implements Progress {
    private static final double MB = 1024.0 * 1024.0;

    private final PrintWriter out;
    private final String label;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final int width;
    private long startNanos = -1;
    private long startDone;
    private long lastDraw = Long.MIN_VALUE;
    private boolean ended;

    public ProgressBar(PrintWriter out, String label, LongSupplier nanoTime, Duration interval, int width) {
        if (width < 1) throw new IllegalArgumentException("width must be at least 1, got " + width);
        this.out = out;
        this.label = label;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
        this.width = width;
    }

    /** A 30-character bar redrawn at most 10 times a second. */
    public static ProgressBar on(PrintWriter out, String label) {
        return new ProgressBar(out, label, System::nanoTime, Duration.ofMillis(100), 30);
    }

    @Override
    public synchronized void update(long done, long total) {
        long now = nanoTime.getAsLong();
        if (startNanos < 0) {
            startNanos = now;
            startDone = done;
        }
        boolean end = total >= 0 && done >= total;
        if (ended || (!end && lastDraw != Long.MIN_VALUE && now - lastDraw < intervalNanos)) return;
        lastDraw = now;
        out.print("\r" + line(done, total, now - startNanos));
        if (end) {
            out.println();
            ended = true;
        }
        out.flush();
    }

    /** The text of the bar for {@code done} of {@code total} bytes after {@code elapsedNanos} of this run. */
    String line(long done, long total, long elapsedNanos) {
        double fraction = total <= 0 ? 1.0 : Math.min(1.0, done / (double) total);
        int filled = (int) Math.floor(fraction * width);
        StringBuilder bar = new StringBuilder(width);
        for (int i = 0; i < width; i++) bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? (done - startDone) / seconds : 0;
        String eta = rate > 0 && done < total ? "  ETA " + clock((long) Math.ceil((total - done) / rate)) : "";
        String speed = rate > 0 ? String.format(Locale.ROOT, "  %.1f MB/s", rate / MB) : "";
        return String.format(
                Locale.ROOT,
                "%s [%s] %3d%%  %.1f/%.1f MB%s%s",
                label,
                bar,
                (int) Math.floor(fraction * 100),
                done / MB,
                total / MB,
                speed,
                eta);
    }

    private static String clock(long seconds) {
        long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
        return h > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
