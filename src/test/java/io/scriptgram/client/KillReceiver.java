package io.scriptgram.client;

import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.store.SessionStore;
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
 * file keeps it), follows updates, and appends each incoming message's text to a file, flushed per
 * line, until it is killed.
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
        try (PrintStream log = new PrintStream(new FileOutputStream(out.toFile(), true), false, StandardCharsets.UTF_8)) {
            a.updates().subscribe("message", e -> {
                if (e.update().getObject("message").has("out")) return;
                log.println(e.update().getObject("message").getString("message"));
                log.flush();
            });
            a.startUpdates().get(60, TimeUnit.SECONDS);
            System.out.println("receiving");
            System.out.flush();
            new CountDownLatch(1).await(); // until killed
        }
    }
}
