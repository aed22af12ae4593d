package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The suite-wide check refuses and records a store write on an I/O thread, and lets others through. */
class IoThreadWritesTest {
    @Test
    void aWriteOnAnIoThreadIsRefusedAndRecordedOthersGoThrough() throws Exception {
        try (SessionStore store = SessionStore.inMemory()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread io = new Thread(
                    () -> {
                        try {
                            store.session().setHomeDc(2);
                        } catch (Throwable t) {
                            thrown.set(t);
                        }
                    },
                    "scriptgram-io-99");
            io.start();
            io.join();
            List<String> refused = IoThreadWrites.takeViolations(); // taken: the suite's check must not fail this test
            assertInstanceOf(IllegalStateException.class, thrown.get(), "the write is refused on the I/O thread");
            String message = thrown.get().getMessage();
            assertTrue(message.contains("store the home DC") && message.contains("scriptgram-io-99"), message);
            assertEquals(1, refused.size());
            assertTrue(store.session().homeDc().isEmpty(), "nothing was written");

            store.session().setHomeDc(2); // this test's own thread
            assertEquals(2, store.session().homeDc().getAsInt());
            assertEquals(List.of(), IoThreadWrites.takeViolations());
        }
    }
}
