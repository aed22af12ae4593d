package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.config.ConfigException;
import io.scriptgram.host.AccountStores;
import io.scriptgram.host.UserError;
import io.scriptgram.plugin.PluginConfigEditor;
import io.scriptgram.plugin.PluginInstaller;
import io.scriptgram.plugin.PluginManifest;
import io.scriptgram.script.ScriptSyntax;
import io.scriptgram.store.AuditRecord;
import io.scriptgram.store.SessionStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plugin add|update|list|remove|config}: shareable plugins, installed into the configured plugins folder. */
@Command(
        name = "plugin",
        description = "Installs, updates, lists and removes plugins, and sets their settings.",
        subcommands = {
            PluginCommand.Add.class,
            PluginCommand.Update.class,
            PluginCommand.ListPlugins.class,
            PluginCommand.Remove.class,
            PluginCommand.Configure.class
        })
public final class PluginCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The parts every subcommand needs: the configuration, the output, questions on the terminal. */
    abstract static class Base implements Runnable {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PluginInstaller installer(Config cfg) {
            return new PluginInstaller(cfg.scripts().plugins(), console(), PluginCommand::tryLoad)
                    .onGranted(g -> recordGrant(cfg, g));
        }

        PluginInstaller.Console console() {
            PrintWriter out = out();
            return new PluginInstaller.Console() {
                @Override
                public void say(String line) {
                    out.println(line);
                    out.flush();
                }

                @Override
                public boolean confirm(String question) {
                    out.print(question + " [y/N] ");
                    out.flush();
                    String answer = readLine();
                    if (answer == null) {
                        out.println();
                        out.println("(no answer: nothing done; pass --yes to skip the question)");
                        return false;
                    }
                    return answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
                }

                @Override
                public boolean color() {
                    return System.console() != null && System.getenv("NO_COLOR") == null;
                }
            };
        }

        @Override
        public final void run() {
            try {
                execute(config.load());
            } catch (PluginInstaller.InstallException | ConfigException e) {
                throw new UserError(e.getMessage(), e);
            } catch (IOException e) {
                throw new UserError(e.getMessage(), e);
            }
        }

        abstract void execute(Config cfg) throws IOException;
    }

    /**
     * An install or update in the audit log of every account that has a store: the plugin's files serve the whole host,
     * and config.yml may point it at any account. A store that cannot be written is reported, not fatal: the plugin is
     * installed and plugins.lock says what it was granted.
     */
    static void recordGrant(Config cfg, PluginInstaller.Granted g) {
        AuditRecord row = new AuditRecord(
                Instant.now(), g.plugin(), null, g.action(), null, AuditRecord.Outcome.GRANTED, g.what(), 0);
        for (Config c : cfg.everyAccount()) {
            if (!AccountStores.exists(c)) continue;
            try (SessionStore s = AccountStores.open(c)) {
                s.audit().append(List.of(withAccount(row, c.account())));
            } catch (RuntimeException e) {
                System.err.println("warning: the grant of " + g.plugin() + " was not written to the audit log of "
                        + c.account() + ": " + e.getMessage());
            }
        }
    }

    private static AuditRecord withAccount(AuditRecord r, String account) {
        return new AuditRecord(r.at(), r.plugin(), account, r.method(), r.peer(), r.outcome(), r.detail(), r.micros());
    }

    private static BufferedReader stdin;

    private static synchronized String readLine() {
        try {
            if (stdin == null) stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return stdin.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** The trial before a new version replaces anything: its entry file must parse in a script's context. */
    static void tryLoad(PluginManifest m) {
        ScriptSyntax.check(m.name(), m.root(), m.entry(), m.language() == PluginManifest.Language.PYTHON);
    }

    @Command(name = "add", description = "Installs a plugin from a folder, a .zip (path or https URL) or a git URL.")
    static final class Add extends Base {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "A folder, a .zip file or URL, or a git URL.")
        String source;

        @Option(names = "--ref", paramLabel = "REF", description = "Git: the branch, tag or commit to install.")
        String ref;

        @Option(names = "--yes", description = "Install without asking.")
        boolean yes;

        @Override
        void execute(Config cfg) {
            installer(cfg).add(source, ref, yes);
        }
    }

    @Command(
            name = "update",
            description = "Updates a plugin (or all) from where it was installed; shows what"
                    + " changes in its permissions and asks.")
    static final class Update extends Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The plugin; all when left out.")
        String name;

        @Option(names = "--ref", paramLabel = "REF", description = "Git: the branch, tag or commit to move to.")
        String ref;

        @Option(names = "--yes", description = "Update without asking.")
        boolean yes;

        @Override
        void execute(Config cfg) {
            installer(cfg).update(name, ref, yes);
        }
    }

    @Command(name = "list", description = "Lists plugins: version, source, ref and SHA-256 from plugins.lock.")
    static final class ListPlugins extends Base {
        @Override
        void execute(Config cfg) {
            List<String> lines = installer(cfg).list();
            if (lines.isEmpty()) out().println("no plugins in " + cfg.scripts().plugins());
            lines.forEach(out()::println);
        }
    }

    @Command(name = "remove", description = "Removes a plugin; asks whether to delete its storage too.")
    static final class Remove extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--delete-storage", description = "Also delete its stored keys and files folder.")
        boolean deleteStorage;

        @Option(names = "--keep-storage", description = "Keep its stored keys and files folder.")
        boolean keepStorage;

        @Option(names = "--yes", description = "Remove without asking (storage is kept unless --delete-storage).")
        boolean yes;

        @Override
        void execute(Config cfg) {
            if (deleteStorage && keepStorage) throw new UserError("give --delete-storage or --keep-storage, not both");
            Boolean delete = deleteStorage ? Boolean.TRUE : keepStorage || yes ? Boolean.FALSE : null;
            installer(cfg).remove(name, delete, yes, () -> eraseStorage(cfg, name));
        }

        private void eraseStorage(Config cfg, String plugin) {
            if (Files.exists(cfg.session())) {
                try (SessionStore s = SessionStore.open(cfg.session())) {
                    out().println("deleted " + s.scripts().clear(plugin) + " stored keys of " + plugin);
                }
            }
            Path files = cfg.scripts().files().resolve(plugin).normalize();
            if (files.startsWith(cfg.scripts().files()) && Files.isDirectory(files)) {
                try (var walk = Files.walk(files)) {
                    for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                            .toList()) Files.delete(p);
                    out().println("deleted " + files);
                } catch (IOException e) {
                    throw new UserError("cannot delete " + files + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Command(
            name = "config",
            description = "Shows a plugin's settings, or sets them: plugin config NAME key=value"
                    + " (key= removes it). Secrets are never shown.")
    static final class Configure extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1..*", paramLabel = "KEY=VALUE", arity = "0..*")
        List<String> assignments;

        @Override
        void execute(Config cfg) throws IOException {
            PluginConfigEditor editor = new PluginConfigEditor(cfg.scripts().plugins(), cfg.pluginSettings());
            if (assignments == null || assignments.isEmpty()) {
                editor.show(name).forEach(out()::println);
                return;
            }
            List<String> keys = editor.set(name, assignments);
            out().println("set " + String.join(", ", keys) + " for " + name + " in " + editor.file()
                    + " (a running host with hot reload loads it again now)");
        }
    }
}
