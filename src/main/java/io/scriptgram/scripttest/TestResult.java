package io.scriptgram.scripttest;

import java.util.List;

/**
 * One test's outcome. {@code message} says what went wrong (null when it passed), {@code location} where in the test
 * file ({@code ping.test.js:7}, or null), {@code log} the script's log lines during the test.
 */
public record TestResult(
        String file, String name, Outcome outcome, long millis, String message, String location, List<String> log) {
    public enum Outcome {
        PASSED,
        /** An expectation or assertion did not hold. */
        FAILED,
        /** The test could not run as written: an exception of its own, a script that does not load, a bad file. */
        ERROR
    }

    public TestResult {
        log = log == null ? List.of() : List.copyOf(log);
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
