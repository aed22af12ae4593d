package io.scriptgram.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** config.yml as records. {@link ConfigLoader} fills every field (defaults included) and validates. */
public record Config(
        Mode mode,
        int apiId,
        String apiHash,
        Path session,
        Device device,
        Dc dc,
        Transport transport,
        Proxy proxy,
        Duration floodWaitThreshold,
        Path schema,
        Sandbox sandbox,
        Scripts scripts,
        String logLevel,
        Console console) {

    public enum Mode {
        SANDBOX,
        TELEGRAM
    }

    public enum Protocol {
        ABRIDGED,
        INTERMEDIATE,
        PADDED,
        FULL
    }

    /** What the client tells Telegram about itself in initConnection. */
    public record Device(
            String model,
            String systemVersion,
            String appVersion,
            String langCode,
            String systemLangCode,
            String langPack) {}

    /** Where to connect: Telegram's production or test DCs, or an address (a sandbox elsewhere). */
    public record Dc(Kind kind, String host, int port) {
        public enum Kind {
            PRODUCTION,
            TEST,
            ADDRESS
        }
    }

    public record Transport(Protocol protocol, boolean obfuscated) {}

    /** A SOCKS5 proxy; null in {@link Config#proxy()} when none. */
    public record Proxy(String host, int port, String user, String password) {
        @Override
        public String toString() {
            return "socks5://" + (user == null ? "" : user + ":***@") + host + ":" + port;
        }
    }

    /**
     * The sandbox used when mode is sandbox: in-process (dc production/test), or a running one at {@code dc: HOST:PORT}
     * whose public key is {@code publicKey}. {@code key} is the in-process one's RSA key file.
     */
    public record Sandbox(
            int port,
            Path world,
            String code,
            boolean chatter,
            Duration chatterEvery,
            String phone,
            Path key,
            Path publicKey) {}

    /** Where scripts and plugins live, and their limits. */
    /**
     * {@code files}: the folder under which each script has its own for {@code files.upload/download}.
     * {@code commandPrefixes}: {@code scripts.command_prefixes}, the characters that start a script's {@code command}
     * (default {@code /!.}). {@code parseMode}: {@code scripts.parse_mode}, markdown or html, the default of the
     * message helpers; null: none.
     */
    public record Scripts(
            List<Path> dirs,
            Path plugins,
            Duration timeout,
            ZoneId timezone,
            boolean hotReload,
            Path files,
            Limits limits,
            double memoryGuard,
            String commandPrefixes,
            String parseMode) {}

    /** {@code scripts.limits}: what one script may hold at once (the script host's ScriptLimits). */
    public record Limits(int handlers, int schedules, int timers, int queuedUpdates, int logLinesPerSecond) {
        public static final Limits DEFAULTS = new Limits(1000, 1000, 10_000, 10_000, 100);
    }

    /**
     * {@code console}: the web console {@code run} serves. {@code host}/{@code port} from {@code listen} (port 0: any
     * free one); {@code tlsCert}/{@code tlsKey}: PEM files for HTTPS, null for plain HTTP, which is allowed off
     * loopback only with {@code insecure}. {@code tokenFile}: where its access token is kept (in the data folder).
     */
    public record Console(
            boolean enabled, String host, int port, Path tlsCert, Path tlsKey, boolean insecure, Path tokenFile) {
        public boolean tls() {
            return tlsCert != null;
        }
    }

    /** Never prints the api_hash. */
    @Override
    public String toString() {
        return "Config[mode=" + mode + ", api_id=" + apiId + ", api_hash=" + (apiHash.isEmpty() ? "" : "***")
                + ", session=" + session + ", dc=" + dc + ", transport=" + transport + ", proxy=" + proxy + "]";
    }
}
