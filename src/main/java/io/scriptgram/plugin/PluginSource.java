package io.scriptgram.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a plugin comes from, and fetching it into a staging folder: a folder on disk, a .zip (a path, or an https URL;
 * plain http only to a loopback address), or a git repository (any URL JGit clones: https, file://, a path to a
 * repository; {@code --ref} a branch, tag or commit). Nothing here writes outside the staging folder.
 */
final class PluginSource {
    enum Kind {
        FOLDER,
        ZIP_FILE,
        ZIP_URL,
        GIT
    }

    /** What was fetched: its files' folder, the commit (git), the archive's SHA-256 (zip). */
    record Fetched(Path files, String commit, String archiveSha256) {}

    private PluginSource() {}

    static Kind kindOf(String source) {
        String s = source.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        boolean url = lower.matches("[a-z][a-z0-9+.-]*://.*");
        if (url && (lower.startsWith("http://") || lower.startsWith("https://"))) {
            String path = URI.create(s).getPath();
            return path != null && path.toLowerCase(Locale.ROOT).endsWith(".zip") ? Kind.ZIP_URL : Kind.GIT;
        }
        if (url || lower.startsWith("git@")) return Kind.GIT;
        Path p = Path.of(s);
        if (Files.isRegularFile(p)) return Kind.ZIP_FILE;
        if (Files.isDirectory(p)) {
            boolean bare = Files.isRegularFile(p.resolve("HEAD")) && Files.isDirectory(p.resolve("objects"));
            return bare || (Files.isDirectory(p.resolve(".git")) && !Files.exists(p.resolve("plugin.yml")))
                    ? Kind.GIT
                    : Kind.FOLDER;
        }
        throw new IllegalArgumentException(source + ": no such file or folder, and not a URL");
    }

    /** A name for the plugin when its plugin.yml gives none: the source's last part without .zip/.git. */
    static String baseName(String source) {
        String s = source.trim().replaceAll("[/\\\\]+$", "");
        String last = s.substring(Math.max(s.lastIndexOf('/'), Math.max(s.lastIndexOf('\\'), s.lastIndexOf(':'))) + 1);
        return last.replaceAll("(?i)\\.(zip|git)$", "");
    }

    /** Fetches {@code source} into the new folder {@code into}. */
    static Fetched fetch(String source, String ref, Path into, SafeArchive.Limits limits) throws IOException {
        Kind kind = kindOf(source);
        if (ref != null && kind != Kind.GIT)
            throw new IllegalArgumentException("--ref is for git sources; " + source + " is a " + describe(kind));
        Files.createDirectories(into);
        Path files = into.resolve("files");
        switch (kind) {
            case FOLDER -> {
                PluginFiles.copyTree(Path.of(source).toAbsolutePath().normalize(), files, limits);
                return new Fetched(files, null, null);
            }
            case ZIP_FILE -> {
                Files.createDirectories(files);
                Path zip = Path.of(source);
                SafeArchive.extract(zip, files, limits);
                return new Fetched(files, null, PluginFiles.fileDigest(zip));
            }
            case ZIP_URL -> {
                Path zip = into.resolve("download.zip");
                download(URI.create(source.trim()), zip, limits.maxBytes() + (1 << 20));
                Files.createDirectories(files);
                SafeArchive.extract(zip, files, limits);
                return new Fetched(files, null, PluginFiles.fileDigest(zip));
            }
            case GIT -> {
                String commit = GitSource.fetch(source.trim(), ref, into.resolve("repo.git"), files, limits);
                return new Fetched(files, commit, null);
            }
        }
        throw new IllegalStateException(kind.name());
    }

    static String describe(Kind k) {
        return switch (k) {
            case FOLDER -> "folder";
            case ZIP_FILE -> "zip file";
            case ZIP_URL -> "zip URL";
            case GIT -> "git repository";
        };
    }

    // ---- zip over HTTP ----

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(15))
            .build();

    /** Downloads {@code uri} to {@code to}: https, or http to a loopback address; redirects checked the same way. */
    static void download(URI uri, Path to, long maxBytes) throws IOException {
        URI at = uri;
        for (int hop = 0; hop <= 5; hop++) {
            checkTransport(at);
            HttpResponse<InputStream> r;
            try {
                r = HTTP.send(
                        HttpRequest.newBuilder(at)
                                .timeout(Duration.ofSeconds(60))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while downloading " + at);
            }
            int s = r.statusCode();
            if (s >= 300 && s < 400 && r.headers().firstValue("location").isPresent()) {
                r.body().close();
                try {
                    at = at.resolve(new URI(r.headers().firstValue("location").get()));
                } catch (URISyntaxException e) {
                    throw new IOException(uri + ": redirected to an invalid URL");
                }
                continue;
            }
            try (InputStream in = r.body()) {
                if (s != 200) throw new IOException(at + ": HTTP " + s);
                try (OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW)) {
                    byte[] buf = new byte[64 * 1024];
                    long total = 0;
                    for (int n; (n = in.read(buf)) > 0; ) {
                        total += n;
                        if (total > maxBytes)
                            throw new IOException(at + ": the download is over " + maxBytes + " bytes; refused");
                        out.write(buf, 0, n);
                    }
                }
            }
            return;
        }
        throw new IOException(uri + ": more than 5 redirects");
    }

    /** https anywhere; plain http only to a loopback address (a local test server), where nobody can listen in. */
    static void checkTransport(URI u) throws IOException {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) return;
        if (scheme.equals("http") && u.getHost() != null && isLoopback(u.getHost())) return;
        throw new IOException(u + ": only https URLs (plain http only to 127.0.0.1, ::1 or localhost): a plugin"
                + " fetched over plain http could be swapped on the way");
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) return true;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) return false;
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
