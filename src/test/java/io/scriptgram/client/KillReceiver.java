package io.scriptgram.client;

import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoredValue;
import io.scriptgram.tl.TlSchema;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A client process for {@link UpdatesKillTest}: logs in to a running sandbox (once; the session
 * file keeps it), follows updates, and appends each incoming message's text to a list in its
 * script storage through {@link ExactlyOnce}, until it is killed. It also appends each text it
 * handles to a file, and after each message writes "STORED SKIPPED" to {@code FILE.status}: how many
 * messages its storage holds, and how many updates it skipped as already handled.
 */
public final class KillReceiver {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        RsaPublicKey key = RsaPublicKey.fromPem(Files.readString(Path.of(args[1])));
        Path session = Path.of(args[2]);
        Path out = Path.of(args[3]);
        TlSchema schema = TlSchema.bundled();
        ClientSettings settings = ClientSettings.of(4, "sandbox", TransportChoice.parse("intermediate"), List.of(key))
                .withRequestTimeout(Duration.ofSeconds(30));
        Account a = Account.open(new Account.Options(settings, schema, new DcDirectory(1, new Endpoint("127.0.0.1", port)),
                SessionStore.open(session), InstantSource.system(), new SecureRandom()));
        if (!a.loggedIn()) {
            Login login = a.login();
            login.sendCode("+999 66 1 1234").get(30, TimeUnit.SECONDS);
            login.signIn("12345").get(30, TimeUnit.SECONDS);
        }
        Path statusFile = Path.of(out + ".status");
        try (PrintStream log = new PrintStream(new FileOutputStream(out.toFile(), true), false, StandardCharsets.UTF_8)) {
            // Exactly once where it counts: each message is appended to a list in script storage, and
            // that write commits with the mark that this consumer has handled the message.
            ExactlyOnce once = new ExactlyOnce(a.store(), "kill-receiver", "kill-receiver");
            once.subscribe(a.updates(), "message", (e, storage) -> {
                if (e.update().getObject("message").has("out")) return;
                String text = e.update().getObject("message").getString("message");
                log.println(text); // progress for the test, written before the commit: at least once
                log.flush();
                int n = storage.get("n").map(v -> Integer.parseInt(((StoredValue.Json) v).text())).orElse(0);
                storage.putJson(String.format("log.%05d", n), "\"" + text + "\"");
                storage.putJson("n", Integer.toString(n + 1));
            });
            // subscribed second, so it runs after the commit: "stored skipped" for the test to wait on
            a.updates().subscribe("message", e -> writeQuietly(statusFile,
                    a.store().scripts().get("kill-receiver", "n").map(v -> ((StoredValue.Json) v).text()).orElse("0") + " " + once.skipped()));
            a.startUpdates().get(60, TimeUnit.SECONDS);
            System.out.println("receiving");
            System.out.flush();
            new CountDownLatch(1).await(); // until killed
        }
    }

    private static void writeQuietly(Path f, String text) {
        try {
            Files.writeString(f, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
