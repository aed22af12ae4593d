package io.scriptgram.sandbox;

import io.scriptgram.net.ServerLimits;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * Builds and starts a sandbox from user-facing options (the CLI's {@code sandbox} command, {@code run} in sandbox
 * mode).
 */
public final class Sandbox {
    private Sandbox() {}

    /**
     * @param port the first DC's port on 127.0.0.1 (0: any free one)
     * @param worldFile a world fixture, or null for the bundled default
     * @param keyFile the PKCS#8 PEM private key (created when missing), or null for a key in memory only
     * @param publicKeyFile where the PKCS#1 public key is written (null: beside the key)
     * @param code the login code every phone receives (null: the world's)
     * @param faults fault specs (see {@link Faults})
     * @param chatterEvery how often simulated contacts write (null: never)
     * @param limits what each connection may hold and how many one address may open
     */
    public record Options(
            int port,
            Path worldFile,
            Path keyFile,
            Path publicKeyFile,
            String code,
            List<String> faults,
            Duration chatterEvery,
            ServerLimits limits) {
        public Options {
            if (limits == null) limits = ServerLimits.defaults();
        }

        /** With the default {@link ServerLimits}. */
        public Options(
                int port,
                Path worldFile,
                Path keyFile,
                Path publicKeyFile,
                String code,
                List<String> faults,
                Duration chatterEvery) {
            this(port, worldFile, keyFile, publicKeyFile, code, faults, chatterEvery, ServerLimits.defaults());
        }

        public static Options inMemory() {
            return new Options(0, null, null, null, null, List.of(), null);
        }

        public Path effectivePublicKeyFile() {
            return publicKeyFile != null
                    ? publicKeyFile
                    : keyFile == null ? null : SandboxKeys.defaultPublicKeyFile(keyFile);
        }
    }

    /**
     * A sandbox whose world speaks the bundled layer and that also answers clients of {@code schema} (the same when it
     * is the bundled one).
     */
    public static SandboxServer start(Options o, TlSchema schema) {
        return start(o, schema, InstantSource.system());
    }

    /** As above, on {@code clock} (a test run's virtual time: message dates and session time checks follow it). */
    public static SandboxServer start(Options o, TlSchema schema, InstantSource clock) {
        return start(o, schema == TlSchema.bundled() ? List.of() : List.of(schema), clock);
    }

    /**
     * A sandbox whose world speaks the bundled layer and that answers each client in the layer it names: the bundled
     * one or one of {@code moreLayers} (the nearest one for a layer it lacks).
     */
    public static SandboxServer start(Options o, List<TlSchema> moreLayers) {
        return start(o, moreLayers, InstantSource.system());
    }

    private static SandboxServer start(Options o, List<TlSchema> moreLayers, InstantSource clock) {
        TlSchema schema = TlSchema.bundled();
        SecureRandom random = new SecureRandom();
        World world = o.worldFile() == null
                ? WorldLoader.loadDefault(clock, random)
                : loadWorld(o.worldFile(), clock, random);
        if (o.code() != null) world.setLoginCode(o.code());
        Faults faults = Faults.parse(o.faults().toArray(String[]::new));
        RSAPrivateKey key = o.keyFile() == null
                ? SandboxKeys.generate(random)
                : SandboxKeys.loadOrCreate(o.keyFile(), o.effectivePublicKeyFile());
        Handlers handlers = Handlers.standard(world, faults);
        SandboxServer server = new SandboxServer(world, handlers, key, schema, clock, random, o.limits())
                .alsoSpeak(moreLayers)
                .start(o.port());
        AnsweringContacts.install(server, schema);
        if (o.chatterEvery() != null) server.startChatter(o.chatterEvery());
        return server;
    }

    private static World loadWorld(Path file, InstantSource clock, SecureRandom random) {
        try {
            return WorldLoader.load(Files.readString(file), file.toString(), clock, random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read world " + file + ": " + e.getMessage(), e);
        }
    }
}
