package io.scriptgram.plugin;

import io.scriptgram.config.ConfigException;
import io.scriptgram.config.YamlFile;
import io.scriptgram.config.YamlNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code plugin add / update / remove / list}: fetches a plugin into a hidden staging folder inside the plugins folder
 * (discovery and the watcher skip names starting with '.'), shows what it is and what it may do, asks, and only then
 * moves it into place with one rename. An update keeps the installed version aside until the new one passes the
 * {@link Verifier}; if it does not, the installed one goes back.
 */
public final class PluginInstaller {
    /** Talking to the user: lines out, yes/no questions in. */
    public interface Console {
        void say(String line);

        /** The answer to a yes/no question; false when nobody can answer. */
        boolean confirm(String question);

        /** Whether to mark dangerous permissions in color. */
        default boolean color() {
            return false;
        }
    }

    /** A trial of a staged plugin before it replaces anything: throws with the reason it would not load. */
    public interface Verifier {
        void verify(PluginManifest manifest) throws Exception;

        /** The manifest and its entry file as discovery reads them (plugin.yml, requires, settings declarations). */
        Verifier MANIFEST = m -> {};
    }

    /** A refusal or failure for the user: the message says what and why; nothing is left half done. */
    public static final class InstallException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InstallException(String message) {
            super(message);
        }

        public InstallException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What add or update did. */
    public enum Outcome {
        INSTALLED,
        UPDATED,
        UP_TO_DATE,
        CANCELLED
    }

    /**
     * What an install or update granted ({@code action}: {@code plugin.install} or {@code plugin.update}): the version,
     * permissions, network hosts and budgets now in force, for the audit log.
     */
    public record Granted(String plugin, String action, String version, String what) {}

    private final Path pluginsDir;
    private Consumer<Granted> granted = g -> {};
    private final Console console;
    private final Verifier verifier;
    private final SafeArchive.Limits limits;

    public PluginInstaller(Path pluginsDir, Console console, Verifier verifier) {
        this(pluginsDir, console, verifier, SafeArchive.Limits.DEFAULT);
    }

    PluginInstaller(Path pluginsDir, Console console, Verifier verifier, SafeArchive.Limits limits) {
        this.pluginsDir = pluginsDir.toAbsolutePath().normalize();
        this.console = console;
        this.verifier = verifier;
        this.limits = limits;
    }

    /** Hears of every install and update once it is in place (the CLI writes it to the audit log). */
    public PluginInstaller onGranted(Consumer<Granted> listener) {
        this.granted = listener;
        return this;
    }

    public Path lockFile() {
        return PluginLock.file(pluginsDir);
    }

    // ---- add ----

    /** Installs the plugin at {@code source}; {@code yes} skips the question. */
    public Outcome add(String source, String ref, boolean yes) {
        Path staging = newStaging();
        try {
            Staged s = stage(source, ref, staging);
            Path target = pluginsDir.resolve(s.manifest.name());
            if (Files.exists(target)) {
                throw new InstallException(s.manifest.name() + " is already installed (" + target + "); use"
                        + " scriptgram plugin update " + s.manifest.name() + ", or remove it first");
            }
            show(s, null);
            if (!yes && !console.confirm("Install " + s.manifest.label() + "?")) {
                console.say("Not installed.");
                return Outcome.CANCELLED;
            }
            trial(s.manifest);
            move(s.dir, target);
            writeLock(s, source, ref, target);
            granted.accept(grant(s.manifest, "plugin.install"));
            console.say("Installed " + s.manifest.label() + " into " + target);
            return Outcome.INSTALLED;
        } catch (IOException | IllegalArgumentException | ConfigException e) {
            throw new InstallException(source + ": " + e.getMessage(), e);
        } finally {
            cleanUp(staging);
        }
    }

    // ---- update ----

    /** Updates {@code name} (null: every plugin in plugins.lock) from its recorded source. */
    public List<Outcome> update(String name, String ref, boolean yes) {
        Map<String, PluginLock.Entry> lock = PluginLock.read(lockFile());
        List<String> names = name == null ? List.copyOf(lock.keySet()) : List.of(name);
        if (names.isEmpty()) console.say("Nothing to update: no plugin was installed with scriptgram plugin add.");
        List<Outcome> out = new ArrayList<>();
        for (String n : names) {
            PluginLock.Entry e = lock.get(n);
            if (e == null)
                throw new InstallException(n + ": not in " + lockFile().getFileName() + " (only plugins installed"
                        + " with scriptgram plugin add can be updated)");
            out.add(updateOne(e, ref != null ? ref : e.ref(), yes));
        }
        return out;
    }

    private Outcome updateOne(PluginLock.Entry e, String ref, boolean yes) {
        Path target = pluginsDir.resolve(e.name());
        Path staging = newStaging();
        try {
            Staged s = stage(e.source(), ref, staging);
            if (!s.manifest.name().equals(e.name()))
                throw new InstallException(
                        e.source() + " now holds the plugin '" + s.manifest.name() + "', not '" + e.name() + "'");
            PluginDiscovery.Found installed = Files.isDirectory(target) ? PluginDiscovery.read(target) : null;
            PluginManifest old = installed == null ? null : installed.manifest();
            if (PluginFiles.digest(s.dir).equals(e.sha256()) && Files.isDirectory(target)) {
                console.say(e.name() + " is up to date (" + s.manifest.label() + ")");
                return Outcome.UP_TO_DATE;
            }
            show(s, old);
            if (!yes && !console.confirm("Update " + e.name() + " to " + s.manifest.label() + "?")) {
                console.say("Not updated.");
                return Outcome.CANCELLED;
            }
            Path previous = staging.resolve("previous");
            if (Files.isDirectory(target)) move(target, previous);
            move(s.dir, target);
            PluginManifest fresh;
            try {
                PluginDiscovery.Found f = PluginDiscovery.read(target);
                if (f.manifest() == null) throw new InstallException(f.error());
                fresh = f.manifest();
                trial(fresh);
            } catch (RuntimeException | IOException failed) {
                rollBack(target, previous);
                throw new InstallException(
                        e.name() + ": the new version " + s.manifest.version() + " does not load,"
                                + " so the installed "
                                + (old == null ? "files are" : "version " + old.version() + " is")
                                + " back in place: " + failed.getMessage(),
                        failed);
            }
            writeLock(s, e.source(), ref, target);
            granted.accept(grant(fresh, "plugin.update"));
            console.say("Updated " + e.name() + " to " + fresh.label());
            return Outcome.UPDATED;
        } catch (IOException | IllegalArgumentException | ConfigException x) {
            throw new InstallException(e.name() + ": " + x.getMessage(), x);
        } finally {
            cleanUp(staging);
        }
    }

    private void rollBack(Path target, Path previous) throws IOException {
        PluginFiles.deleteTree(target);
        if (Files.isDirectory(previous)) move(previous, target);
    }

    /** The verifier's trial; its failure becomes the reason, with the plugin's label. */
    private void trial(PluginManifest m) throws IOException {
        try {
            verifier.verify(m);
        } catch (InstallException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(m.label() + " does not load: " + (e.getMessage() == null ? e : e.getMessage()), e);
        }
    }

    // ---- remove and list ----

    /**
     * Removes {@code name}'s folder and lock entry. {@code deleteStorage}: true or false, or null to ask; the storage
     * itself is {@code eraser}'s to delete.
     */
    public boolean remove(String name, Boolean deleteStorage, boolean yes, Runnable eraser) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"))
            throw new InstallException("'" + name + "': no such plugin");
        Path target = pluginsDir.resolve(name);
        Map<String, PluginLock.Entry> lock = PluginLock.read(lockFile());
        if (!Files.isDirectory(target) && !lock.containsKey(name))
            throw new InstallException(name + ": not installed (no " + target + ")");
        if (!yes && !console.confirm("Remove plugin " + name + " (" + target + ")?")) {
            console.say("Not removed.");
            return false;
        }
        boolean erase = deleteStorage != null
                ? deleteStorage
                : console.confirm("Also delete " + name + "'s storage (its saved keys and files)? Answer no to keep"
                        + " it for a later install");
        try {
            Path aside = newStaging().resolve(name);
            if (Files.isDirectory(target)) move(target, aside); // one rename: a running host unloads it at once
            cleanUp(aside.getParent());
            lock.remove(name);
            PluginLock.write(lockFile(), lock);
        } catch (IOException e) {
            throw new InstallException(name + ": cannot remove: " + e.getMessage(), e);
        }
        if (erase) eraser.run();
        console.say("Removed " + name + (erase ? " and its storage" : "; its storage is kept"));
        return true;
    }

    /** One line per plugin: from plugins.lock, and folders that were put there by hand. */
    public List<String> list() {
        Map<String, PluginLock.Entry> lock = PluginLock.read(lockFile());
        Set<String> names = new TreeSet<>(lock.keySet());
        if (Files.isDirectory(pluginsDir)) {
            try (Stream<Path> s = Files.list(pluginsDir)) {
                s.filter(Files::isDirectory)
                        .filter(p -> !PluginDiscovery.hidden(p))
                        .forEach(p -> names.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw new InstallException(pluginsDir + ": cannot list: " + e.getMessage(), e);
            }
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            PluginLock.Entry e = lock.get(n);
            Path dir = pluginsDir.resolve(n);
            PluginDiscovery.Found f = Files.isDirectory(dir) ? PluginDiscovery.read(dir) : null;
            String label = f == null
                    ? n + " (missing: " + dir + ")"
                    : f.manifest() != null ? f.manifest().label() : n + " (broken: " + f.error() + ")";
            out.add(
                    e == null
                            ? label + "  local (not installed by plugin add)"
                            : label + "  from " + e.source() + (e.ref() == null ? "" : " @ " + e.ref())
                                    + (e.commit() == null
                                            ? ""
                                            : " (" + e.commit().substring(0, 12) + ")")
                                    + (e.sha256() == null
                                            ? ""
                                            : "  sha256 " + e.sha256().substring(0, 16) + "…")
                                    + "  installed " + e.installed());
        }
        return out;
    }

    // ---- staging ----

    private record Staged(
            Path dir, PluginManifest manifest, PluginSource.Fetched fetched, List<String> languages, Object accounts) {}

    /**
     * Fetches {@code source} under {@code staging}, finds its plugin.yml (at the top, or in the one folder a GitHub
     * archive wraps it in), names the folder after the plugin and reads the manifest (requires included).
     */
    private Staged stage(String source, String ref, Path staging) throws IOException {
        PluginSource.Fetched f = PluginSource.fetch(source, ref, staging.resolve("fetch"), limits);
        Path root = f.files();
        if (!Files.isRegularFile(root.resolve("plugin.yml"))) {
            try (Stream<Path> s = Files.list(root)) {
                List<Path> top = s.toList();
                if (top.size() == 1
                        && Files.isDirectory(top.get(0))
                        && Files.isRegularFile(top.get(0).resolve("plugin.yml"))) root = top.get(0);
                else throw new InstallException(source + ": no plugin.yml at its top; is it a Scriptgram plugin?");
            }
        }
        String yml = YamlFile.read(root.resolve("plugin.yml"), "plugin.yml");
        YamlNode raw = YamlFile.parse(yml, "plugin.yml");
        String name = raw.string("name", PluginSource.baseName(source));
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"))
            throw new InstallException(source + ": '" + name + "' cannot be a plugin's name (letters, digits, '-',"
                    + " '_', '.'; give name: in plugin.yml)");
        Path dir = staging.resolve("plugin").resolve(name); // apart from fetch/ and previous/, whatever the name
        move(root, dir);
        PluginDiscovery.Found found = PluginDiscovery.read(dir);
        if (found.manifest() == null) throw new InstallException(found.error());
        return new Staged(dir, found.manifest(), f, languages(dir, found.manifest()), raw.any("accounts"));
    }

    private static List<String> languages(Path dir, PluginManifest m) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        out.add(m.language().name().toLowerCase(Locale.ROOT));
        try (Stream<Path> s = Files.walk(dir)) {
            s.map(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)).forEach(n -> {
                if (n.endsWith(".js") || n.endsWith(".mjs")) out.add("js");
                if (n.endsWith(".py")) out.add("python");
            });
        }
        return List.copyOf(out);
    }

    /** What the plugin is and may do; for an update, what changed since {@code old}. */
    private void show(Staged s, PluginManifest old) {
        PluginManifest m = s.manifest;
        boolean color = console.color();
        console.say((old == null ? "Plugin " : "Update ") + m.name() + "  version " + m.version()
                + (old == null ? "" : " (installed: " + old.version() + ")"));
        if (!m.description().isBlank()) console.say("  " + m.description());
        console.say("  languages:   " + String.join(", ", s.languages));
        if (old == null) {
            console.say("  permissions:");
            for (String p : PluginPermissions.shown(m.permissions(), color)) console.say("    " + p);
            console.say("  network:     " + (m.network().isEmpty() ? "none" : String.join(", ", m.network())));
        } else {
            diff("permissions", old.permissions(), m.permissions(), true, color);
            diff("network", old.network(), m.network(), false, color);
        }
        console.say("  accounts:    " + (s.accounts == null ? "the host's account" : String.valueOf(s.accounts)));
        if (m.requires() != null) console.say("  requires:    scriptgram " + m.requires());
        if (!m.settingSpecs().isEmpty())
            console.say("  settings:    " + String.join(", ", m.settingSpecs().keySet()));
        if (s.fetched.commit() != null) console.say("  commit:      " + s.fetched.commit());
    }

    private void diff(String what, List<String> before, List<String> after, boolean perms, boolean color) {
        List<String> added = after.stream().filter(p -> !before.contains(p)).toList();
        List<String> removed = before.stream().filter(p -> !after.contains(p)).toList();
        if (added.isEmpty() && removed.isEmpty() && before.isEmpty() == after.isEmpty()) {
            console.say(
                    "  " + what + ": unchanged " + (after.isEmpty() ? (perms ? "(every method)" : "(none)") : after));
            return;
        }
        console.say("  " + what + " change:");
        if (perms && after.isEmpty() && !before.isEmpty())
            console.say("    + " + PluginPermissions.mark("every API method (the new version lists none)", color));
        if (perms && before.isEmpty() && !after.isEmpty()) console.say("    - every API method (now only the list)");
        for (String a : added) {
            console.say("    + "
                    + (perms ? PluginPermissions.shown(List.of(a), color).get(0) : a));
        }
        for (String r : removed) console.say("    - " + r);
    }

    private static Granted grant(PluginManifest m, String action) {
        StringBuilder b = new StringBuilder("version ").append(m.version());
        b.append("; permissions: ")
                .append(m.permissions().isEmpty() ? "every method but the account-destroying ones" : m.permissions());
        b.append("; network: ").append(m.network().isEmpty() ? "none" : m.network());
        if (!m.budgets().isEmpty()) {
            List<String> rates = new ArrayList<>();
            m.budgets().forEach((c, r) -> rates.add(c.key + " " + r));
            b.append("; budgets: ").append(String.join(", ", rates));
        }
        return new Granted(m.name(), action, m.version(), b.toString());
    }

    private void writeLock(Staged s, String source, String ref, Path target) throws IOException {
        Map<String, PluginLock.Entry> lock = PluginLock.read(lockFile());
        PluginManifest m = s.manifest;
        lock.put(
                m.name(),
                new PluginLock.Entry(
                        m.name(),
                        PluginSource.kindOf(source) == PluginSource.Kind.FOLDER
                                        || PluginSource.kindOf(source) == PluginSource.Kind.ZIP_FILE
                                ? Path.of(source).toAbsolutePath().normalize().toString()
                                : source,
                        ref,
                        s.fetched.commit(),
                        PluginFiles.digest(target),
                        s.fetched.archiveSha256(),
                        m.version(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        m.permissions(),
                        m.network()));
        PluginLock.write(lockFile(), lock);
    }

    private Path newStaging() {
        Path p = pluginsDir.resolve(".install-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new InstallException(pluginsDir + ": cannot create " + p.getFileName() + ": " + e.getMessage(), e);
        }
        return p;
    }

    private void cleanUp(Path staging) {
        try {
            PluginFiles.deleteTree(staging);
        } catch (IOException e) {
            console.say("(could not delete " + staging + ": " + e.getMessage() + ")");
        }
    }

    /** One rename (atomic where the file system allows), so a watcher sees the whole folder appear at once. */
    private static void move(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
