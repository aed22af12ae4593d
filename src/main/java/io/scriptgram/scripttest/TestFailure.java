package io.scriptgram.scripttest;

/** An expectation of a test that did not hold: its message is the report's text (expected, received). */
public final class TestFailure extends RuntimeException {
    public TestFailure(String message) {
        super(message, null, false, false);
    }
}
