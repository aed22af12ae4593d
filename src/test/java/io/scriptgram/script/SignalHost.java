package io.scriptgram.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * A host process for {@link ScriptSignalsTest}: takes SIGINT and SIGTERM as {@code run} does, loads the Python script
 * ARGS[0], prints "script: " and what it reported, then "ready", and on a signal closes the host and prints "stopped by
 * NAME".
 */
public final class SignalHost {
    public static void main(String[] args) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<String> by = new AtomicReference<>();
        for (String sig : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(sig), s -> {
                by.set(s.getName());
                stop.countDown();
            });
        }
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(60))) {
            host.load(ScriptSpec.ofFile(Path.of(args[0]), Map.of(), null));
            System.out.println("script: " + api.notes.poll(60, TimeUnit.SECONDS));
            System.out.println("ready");
            System.out.flush();
            stop.await();
        }
        System.out.println("stopped by " + by.get());
        System.out.flush();
    }
}
