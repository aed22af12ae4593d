package io.scriptgram.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests: one per test JVM, started on first use from the installed server binaries
 * (Debian's {@code postgresql} package: {@code /usr/lib/postgresql/<version>/bin}) on a temporary directory and a free
 * port on 127.0.0.1, and stopped when the JVM exits. PostgreSQL refuses to run as root, so under root (CI) it runs as
 * {@code nobody} through {@code setpriv}. Each test takes a database of its own ({@link #newDatabase()}).
 *
 * <p>Where the server cannot run (no binaries, no unprivileged user), the tests using it are skipped with the reason,
 * unless {@value #REQUIRE} is set in the environment (CI sets it), which makes that a failure.
 */
public final class PostgresServer {
    public static final String REQUIRE = "SCRIPTGRAM_REQUIRE_POSTGRES";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String SUPERUSER = "postgres";

    private static PostgresServer shared;
    private static String unavailable;

    private final Path dir;
    private final int port;
    private final Process process;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The shared server, started on first call; skips the calling test (or fails it, under CI) when it cannot run. */
    public static synchronized PostgresServer shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = start();
            } catch (Unavailable e) {
                unavailable = e.getMessage();
            }
        }
        if (shared == null) {
            String reason =
                    "PostgreSQL tests need a local PostgreSQL server and one could not be started: " + unavailable;
            if (System.getenv(REQUIRE) != null) throw new IllegalStateException(reason + " (" + REQUIRE + " is set)");
            Assumptions.assumeTrue(false, reason);
        }
        return shared;
    }

    /** A new empty database on the shared server, as settings for a store (no password: trust on 127.0.0.1). */
    public synchronized PostgresSettings newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbc("postgres"), SUPERUSER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "test PostgreSQL: cannot create database " + name + ": " + e.getMessage(), e);
        }
        return settings(name);
    }

    public PostgresSettings settings(String database) {
        return new PostgresSettings("127.0.0.1", port, database, SUPERUSER, null, Duration.ofSeconds(10));
    }

    public int port() {
        return port;
    }

    /** {@code postgresql://127.0.0.1:PORT/DB}, as config.yml's {@code store:} would say. */
    public String url(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    private String jdbc(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    // ---- starting

    private static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private static PostgresServer start() throws Unavailable {
        Path bin = findBinaries();
        boolean root = isRoot();
        if (root && !Files.isExecutable(Path.of("/usr/bin/setpriv")))
            throw new Unavailable("running as root and /usr/bin/setpriv (util-linux) is missing to drop to 'nobody'");
        Path dir;
        try {
            // /tmp, not java.io.tmpdir: the unprivileged user must be able to reach it.
            dir = Files.createTempDirectory(
                    root ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir")), "scriptgram-pg-");
            if (root) {
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                UserPrincipal nobody = users.lookupPrincipalByName("nobody");
                GroupPrincipal group = users.lookupPrincipalByGroupName("nogroup");
                Files.setOwner(dir, nobody);
                Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(group);
            }
        } catch (IOException e) {
            throw new Unavailable("cannot prepare a data directory: " + e);
        }
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        run(
                root,
                dir,
                log,
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        SUPERUSER,
                        "-A",
                        "trust",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "-N"));
        String lastLog = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Process p = spawn(
                    root,
                    dir,
                    log,
                    List.of(
                            bin.resolve("postgres").toString(),
                            "-D",
                            data.toString(),
                            "-p",
                            Integer.toString(port),
                            "-c",
                            "listen_addresses=127.0.0.1",
                            "-c",
                            "unix_socket_directories=",
                            "-c",
                            "fsync=off",
                            "-c",
                            "synchronous_commit=off",
                            "-c",
                            "full_page_writes=off",
                            "-c",
                            "max_connections=300",
                            "-c",
                            "shared_buffers=32MB",
                            "-c",
                            "dynamic_shared_memory_type=mmap"));
            PostgresServer server = new PostgresServer(dir, port, p);
            if (server.awaitReady()) {
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
                return server;
            }
            server.stop(false);
            lastLog = tail(log);
        }
        throw new Unavailable("the server did not start; its log ends: " + lastLog);
    }

    private static Path findBinaries() throws Unavailable {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root))
            throw new Unavailable(
                    "no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparingDouble(PostgresServer::version))
                    .orElseThrow(() -> new Unavailable(
                            "no initdb and postgres under /usr/lib/postgresql/*/bin (apt-get install postgresql)"));
        } catch (IOException e) {
            throw new Unavailable("cannot list /usr/lib/postgresql: " + e);
        }
    }

    private static double version(Path bin) {
        try {
            return Double.parseDouble(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The owner of /proc/self is this process's user. */
    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static Process spawn(boolean root, Path dir, Path log, List<String> command) throws Unavailable {
        List<String> full = new ArrayList<>();
        if (root) full.addAll(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new Unavailable("cannot run " + command.get(0) + ": " + e.getMessage());
        }
    }

    private static void run(boolean root, Path dir, Path log, List<String> command) throws Unavailable {
        Process p = spawn(root, dir, log, command);
        try {
            if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new Unavailable(command.get(0) + " did not finish in " + START_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        if (p.exitValue() != 0)
            throw new Unavailable(command.get(0) + " failed (exit " + p.exitValue() + "): " + tail(log));
    }

    private static int freePort() throws Unavailable {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new Unavailable("no free port on 127.0.0.1: " + e);
        }
    }

    /** Waits until the server takes a login, it exits, or the start timeout passes. */
    private boolean awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        long pause = 20;
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) return false;
            try (Connection c = DriverManager.getConnection(jdbc("postgres"), SUPERUSER, "")) {
                return c.isValid(5);
            } catch (SQLException notYet) {
                // starting: poll again
            }
            try {
                process.waitFor(pause, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, 500);
        }
        return false;
    }

    private void stop() {
        stop(true);
    }

    /** A fast shutdown (SIGINT: clients are disconnected), then SIGKILL if it lingers; removes the directory. */
    private void stop(boolean removeDir) {
        try {
            if (process.isAlive()) {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                        .redirectErrorStream(true)
                        .start()
                        .waitFor(5, TimeUnit.SECONDS);
                if (!process.waitFor(15, TimeUnit.SECONDS))
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
        if (removeDir) deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
