package io.scriptgram.client;

import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.script.ScriptHost;
import io.scriptgram.script.ScriptSpec;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoredValue;
import io.scriptgram.tl.TlSchema;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * A client process for {@link UpdatesKillTest}: logs in to a running sandbox (once; the session file keeps it), follows
 * updates, and appends each incoming message's text to a list in script storage, until it is killed. Without a script
 * argument the appending is a Java {@link ExactlyOnce} handler, which also appends each text it handles to the output
 * file; with one, the script does it (storage namespace: the script's name).
 *
 * <p>Every 20 ms it writes "STORED SKIPPED" to {@code OUT.status}: how many messages the storage holds, and how many
 * updates were skipped as already handled (-1 when a script counts).
 */
public final class KillReceiver {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        RsaPublicKey key = RsaPublicKey.fromPem(Files.readString(Path.of(args[1])));
        Path session = Path.of(args[2]);
        Path out = Path.of(args[3]);
        Path script = args.length > 4 ? Path.of(args[4]) : null;
        TlSchema schema = TlSchema.bundled();
        ClientSettings settings = ClientSettings.of(4, "sandbox", TransportChoice.parse("intermediate"), List.of(key))
                .withRequestTimeout(Duration.ofSeconds(30));
        Account a = Account.open(new Account.Options(
                settings,
                schema,
                new DcDirectory(1, new Endpoint("127.0.0.1", port)),
                SessionStore.open(session),
                InstantSource.system(),
                new SecureRandom()));
        if (!a.loggedIn()) {
            Login login = a.login();
            login.sendCode("+999 66 1 1234").get(30, TimeUnit.SECONDS);
            login.signIn("12345").get(30, TimeUnit.SECONDS);
        }
        String namespace;
        LongSupplier skipped;
        if (script == null) {
            namespace = "kill-receiver";
            skipped = javaHandler(a, out);
        } else {
            ScriptHost host = new ScriptHost(a.api(), a.updates(), a.store().scripts(), null, Duration.ofSeconds(10));
            var handle = host.load(ScriptSpec.ofFile(script, Map.of(), null));
            handle.completion()
                    .get(
                            60,
                            TimeUnit.SECONDS); // its handlers are subscribed before the catching up starts, as in `run`
            namespace = handle.name();
            skipped = () -> -1;
        }
        Thread status = Thread.ofPlatform()
                .daemon()
                .start(() -> publishStatus(a, namespace, skipped, Path.of(out + ".status")));
        a.startUpdates().get(60, TimeUnit.SECONDS);
        System.out.println("receiving");
        System.out.flush();
        status.join(); // until killed
    }

    /**
     * Exactly once where it counts: each text is appended to the stored list, committed with the mark that it was
     * handled.
     */
    private static LongSupplier javaHandler(Account a, Path out) throws Exception {
        PrintStream log = new PrintStream(new FileOutputStream(out.toFile(), true), false, StandardCharsets.UTF_8);
        ExactlyOnce once = new ExactlyOnce(a.store().scripts(), "kill-receiver", "kill-receiver");
        once.subscribe(a.updates(), "message", (e, storage) -> {
            if (e.update().getObject("message").has("out")) return;
            String text = e.update().getObject("message").getString("message");
            log.println(text); // every handling, written before the commit: at least once
            log.flush();
            int n = storage.get("n")
                    .map(v -> Integer.parseInt(((StoredValue.Json) v).text()))
                    .orElse(0);
            storage.putJson(String.format("log.%05d", n), "\"" + text + "\"");
            storage.putJson("n", Integer.toString(n + 1));
        });
        return once::skipped;
    }

    private static void publishStatus(Account a, String namespace, LongSupplier skipped, Path file) {
        Path tmp = Path.of(file + ".tmp");
        while (true) {
            String n = a.store()
                    .scripts()
                    .get(namespace, "n")
                    .map(v -> ((StoredValue.Json) v).text())
                    .orElse("0");
            try {
                Files.writeString(tmp, n + " " + skipped.getAsLong());
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LockSupport.parkNanos(20_000_000); // a status beat for the test, not synchronisation
        }
    }
}
