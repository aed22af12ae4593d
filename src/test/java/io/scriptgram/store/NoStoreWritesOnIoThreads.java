package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On for every test class of the suite (registered in META-INF/services, with extension autodetection turned on in
 * junit-platform.properties): turns on {@link IoThreadWrites} and fails the test during which a store write was made on
 * a network I/O thread, wherever that thread swallowed the exception.
 */
public final class NoStoreWritesOnIoThreads implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        IoThreadWrites.failWritesOnIoThreads();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check();
    }

    private static void check() {
        List<String> refused = IoThreadWrites.takeViolations();
        if (!refused.isEmpty()) {
            fail(refused.size() + " store write(s) on a network I/O thread; the first:\n" + refused.get(0));
        }
    }
}
