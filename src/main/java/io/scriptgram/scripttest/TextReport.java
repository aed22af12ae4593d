package io.scriptgram.scripttest;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The readable report: a line per test as it ends ({@code ✓}/{@code ✗}), then each failure in full — what was expected
 * and what came, where in the test file, and the script's log lines during that test — then the totals.
 */
public final class TextReport {
    private final PrintWriter out;
    private String currentFile;

    public TextReport(PrintWriter out) {
        this.out = out;
    }

    /** One result, as it comes. */
    public void result(TestResult r) {
        if (!r.file().equals(currentFile)) {
            currentFile = r.file();
            out.println(currentFile);
        }
        out.println("  " + (r.passed() ? "✓ " : "✗ ") + r.name() + " (" + r.millis() + " ms)");
        out.flush();
    }

    /** The failures in full and the totals. */
    public void summary(TestRun.Summary s) {
        List<TestResult> failed = new ArrayList<>();
        for (TestResult r : s.results()) if (!r.passed()) failed.add(r);
        for (TestResult r : failed) {
            out.println();
            out.println("● " + r.file() + " › " + r.name());
            out.println();
            for (String line : r.message().split("\n", -1)) out.println("    " + line);
            if (r.location() != null) {
                out.println();
                out.println("      at " + r.location());
            }
            if (!r.log().isEmpty()) {
                out.println();
                out.println("    Script log:");
                for (String l : r.log()) out.println("      " + l);
            }
        }
        out.println();
        long passed = s.results().size() - s.failed();
        out.println("Tests: " + (s.failed() > 0 ? s.failed() + " failed, " : "") + passed + " passed, "
                + s.results().size() + " total (" + s.files().size() + " file"
                + (s.files().size() == 1 ? "" : "s")
                + ") in " + String.format("%.1f", s.millis() / 1000.0) + " s");
        out.flush();
    }
}
