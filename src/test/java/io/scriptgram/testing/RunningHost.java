package io.scriptgram.testing;

import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.Host;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.plugin.PluginManager;
import io.scriptgram.plugin.ScriptPlugins;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.script.ScriptHandle;
import io.scriptgram.store.StoredValue;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A host started from a config.yml in a folder of its own (in-process sandbox, no chatter), and Alice logged in as a
 * second client to write to the host's account.
 */
public final class RunningHost implements AutoCloseable {
    public static final TlSchema SCHEMA = TlSchema.bundled();
    public static final String ALICE_PHONE = "+999 66 1 1001";
    /** The host's sandbox account as Alice sees it. */
    public static final long ACCOUNT_ID = 1000001, ACCOUNT_HASH = 7100000000000001L;

    public final Path root, scripts, plugins;
    public final Host host;
    public final RpcClient alice;

    public RunningHost(Path root) throws Exception {
        this(root, "", null);
    }

    /**
     * As above, with more {@code scripts} keys in config.yml, e.g. {@code ", command_prefixes: \"/.~\""}. The scripts'
     * run limit is 2 s of CPU time unless they set {@code timeout}.
     */
    public RunningHost(Path root, String moreScriptsKeys) throws Exception {
        this(root, moreScriptsKeys, null);
    }

    /** As above, over the sandbox world {@code worldYaml} (null: the bundled one). */
    public RunningHost(Path root, String moreScriptsKeys, String worldYaml) throws Exception {
        this(root, moreScriptsKeys, worldYaml, "");
    }

    /** As above, with {@code moreConfig} (whole top-level sections, e.g. {@code "budgets: {max_wait: 1s}"}). */
    public RunningHost(Path root, String moreScriptsKeys, String worldYaml, String moreConfig) throws Exception {
        this.root = root;
        if (worldYaml != null) Files.writeString(root.resolve("world.yml"), worldYaml);
        this.scripts = Files.createDirectories(root.resolve("scripts"));
        this.plugins = Files.createDirectories(root.resolve("plugins"));
        Files.writeString(
                root.resolve("config.yml"),
                String.join(
                        "\n",
                        "mode: sandbox",
                        "session: s.session",
                        "sandbox: {chatter: false, key: k.pem" + (worldYaml == null ? "" : ", world: world.yml") + "}",
                        "scripts: {dirs: [scripts], plugins: plugins"
                                + (moreScriptsKeys.contains("timeout:") ? "" : ", timeout: 2s")
                                + moreScriptsKeys
                                + "}",
                        moreConfig,
                        ""));
        host = Host.start(ConfigLoader.load(root.resolve("config.yml"), Map.of()), SCHEMA);
        alice = alice(host.connection().localSandbox(), "12345");
    }

    /** Alice, logged in to {@code sandbox} whose login code is {@code code}. */
    public static RpcClient alice(SandboxServer sandbox, String code) throws Exception {
        return alice(sandbox, code, u -> {});
    }

    /** Alice as above, handing what the server pushes her to {@code updates}. */
    public static RpcClient alice(SandboxServer sandbox, String code, Consumer<TlObject> updates) throws Exception {
        return sandboxUser(sandbox, ALICE_PHONE, code, updates);
    }

    /**
     * The sandbox user of {@code phone}, logged in from another app, handing what the server pushes to {@code updates}.
     */
    public static RpcClient sandboxUser(SandboxServer sandbox, String phone, String code, Consumer<TlObject> updates)
            throws Exception {
        RpcClient c = RpcClient.ephemeral(
                ClientSettings.of(
                                4,
                                "sandbox-api-hash",
                                new TransportChoice(TransportChoice.Protocol.INTERMEDIATE, false),
                                List.of(sandbox.publicKey()))
                        .withRequestTimeout(Duration.ofSeconds(20)),
                SCHEMA,
                new Endpoint("127.0.0.1", sandbox.port(1)),
                updates);
        Login.withCode(c, phone, code).get(30, TimeUnit.SECONDS);
        return c;
    }

    /** Alice writes {@code text} to the host's account; returns once the server has it. */
    public void send(String text) throws Exception {
        send(alice, text);
    }

    public static void send(RpcClient from, String text) throws Exception {
        from.invoke(
                        "messages.sendMessage",
                        Map.of(
                                "peer",
                                TlObject.of(
                                        SCHEMA,
                                        "inputPeerUser",
                                        Map.of("user_id", ACCOUNT_ID, "access_hash", ACCOUNT_HASH)),
                                "message",
                                text,
                                "random_id",
                                new SecureRandom().nextLong()))
                .get(30, TimeUnit.SECONDS);
    }

    /** The JSON text a script stored under {@code key}, or null. */
    public String stored(String script, String key) {
        return host.account()
                .store()
                .scripts()
                .get(script, key)
                .map(v -> ((StoredValue.Json) v).text())
                .orElse(null);
    }

    /** The running version of the plugin named {@code name}, or null. */
    public ScriptHandle active(String name) {
        for (PluginManager.Active a : host.plugins().active()) {
            if (a.manifest().name().equals(name)) return ScriptPlugins.handleOf(a.loaded());
        }
        return null;
    }

    /**
     * Waits until the plugin {@code name} runs a version other than {@code old} (null: any) and {@code old} is
     * {@link #gone}.
     */
    public ScriptHandle awaitNewVersion(String name, ScriptHandle old, Duration within) {
        ScriptHandle[] now = new ScriptHandle[1];
        boolean ok = waitFor(
                () -> {
                    now[0] = active(name);
                    return now[0] != null && now[0] != old && (old == null || gone(old));
                },
                within);
        if (!ok)
            throw new AssertionError(name + ": no new version within " + within + "; problems: "
                    + host.plugins().recentProblems());
        return now[0];
    }

    /** Unloaded to the end: its status says so (set first) and the script host no longer lists it (done last). */
    public boolean gone(ScriptHandle h) {
        return h.status() == ScriptHandle.Status.UNLOADED
                && !host.scripts().loaded().contains(h);
    }

    /** Polls {@code condition} until it holds or {@code within} has passed; returns whether it held. */
    public static boolean waitFor(BooleanSupplier condition, Duration within) {
        return Conditions.waitFor(condition, within);
    }

    @Override
    public void close() {
        alice.close();
        host.close();
    }
}
