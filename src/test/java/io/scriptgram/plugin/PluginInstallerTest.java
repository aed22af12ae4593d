package io.scriptgram.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.scriptgram.script.ScriptSyntax;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plugin add / update / remove / list: from a folder, a zip served over 127.0.0.1 HTTP and a local git repository; what
 * is shown and asked; plugins.lock; an update that changes permissions asks again; a broken update rolls back.
 */
class PluginInstallerTest {
    @TempDir
    Path dir;

    /** Records what the installer says and asks; answers from a queue (no answer left: no). */
    static final class Talk implements PluginInstaller.Console {
        final List<String> lines = new ArrayList<>();
        final List<String> questions = new ArrayList<>();
        final Deque<Boolean> answers = new ArrayDeque<>();

        Talk answer(boolean... a) {
            for (boolean b : a) answers.add(b);
            return this;
        }

        @Override
        public void say(String line) {
            lines.add(line);
        }

        @Override
        public boolean confirm(String question) {
            questions.add(question);
            return !answers.isEmpty() && answers.poll();
        }

        String text() {
            return String.join("\n", lines);
        }
    }

    /** The trial the CLI runs: the entry file must parse. */
    static final PluginInstaller.Verifier PARSES =
            m -> ScriptSyntax.check(m.name(), m.root(), m.entry(), m.language() == PluginManifest.Language.PYTHON);

    private Path plugins() {
        return dir.resolve("plugins");
    }

    private PluginInstaller installer(Talk talk) {
        return new PluginInstaller(plugins(), talk, PARSES);
    }

    private static Path writePlugin(Path at, String yml, String mainJs) throws IOException {
        Files.createDirectories(at);
        Files.writeString(at.resolve("plugin.yml"), yml);
        Files.writeString(at.resolve("main.js"), mainJs);
        return at;
    }

    private static final String V1 = """
            name: greeter
            version: "1.0"
            description: Says hello
            permissions: [messages.sendMessage, account.deleteAccount]
            network: [api.example.com]
            """;

    private List<String> pluginsFolder() throws IOException {
        if (!Files.exists(plugins())) return List.of();
        try (Stream<Path> s = Files.list(plugins())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void addFromAFolderShowsAsksAndLocks() throws IOException {
        Path src = writePlugin(dir.resolve("src/greeter"), V1, "log.info('hi');\n");
        Talk no = new Talk().answer(false);
        assertEquals(PluginInstaller.Outcome.CANCELLED, installer(no).add(src.toString(), null, false));
        assertEquals(List.of(), pluginsFolder(), "declined: nothing written");
        assertEquals(List.of("Install greeter 1.0 (js)?"), no.questions);
        String shown = no.text();
        assertTrue(shown.contains("Plugin greeter  version 1.0"), shown);
        assertTrue(shown.contains("languages:   js"), shown);
        assertTrue(shown.contains("    messages.sendMessage\n"), shown);
        assertTrue(
                shown.contains("    !! account.deleteAccount  (can delete the account, end its sessions or take it"
                        + " over)"),
                shown);
        assertTrue(shown.contains("network:     api.example.com"), shown);
        assertTrue(shown.contains("accounts:    "), shown);

        Talk yes = new Talk().answer(true);
        assertEquals(PluginInstaller.Outcome.INSTALLED, installer(yes).add(src.toString(), null, false));
        assertEquals(List.of("greeter", "plugins.lock"), listWithLock());
        assertEquals("log.info('hi');\n", Files.readString(plugins().resolve("greeter/main.js")));
        PluginLock.Entry e = PluginLock.read(PluginLock.file(plugins())).get("greeter");
        assertEquals(src.toAbsolutePath().toString(), e.source());
        assertEquals(PluginFiles.digest(plugins().resolve("greeter")), e.sha256());
        assertEquals(64, e.sha256().length());
        assertEquals(List.of("messages.sendMessage", "account.deleteAccount"), e.permissions());
        assertEquals(List.of("api.example.com"), e.network());

        PluginInstaller.InstallException again = assertThrows(
                PluginInstaller.InstallException.class,
                () -> installer(new Talk()).add(src.toString(), null, true));
        assertTrue(again.getMessage().contains("greeter is already installed"), again.getMessage());
        assertTrue(installer(new Talk()).list().get(0).startsWith("greeter 1.0 (js)  from " + src.toAbsolutePath()));
    }

    private List<String> listWithLock() throws IOException {
        List<String> out = new ArrayList<>(pluginsFolder());
        if (Files.exists(PluginLock.file(plugins()))) out.add("plugins.lock");
        return out;
    }

    @Test
    void addAZipServedOverLoopbackHttp() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("greeter-main/plugin.yml", V1); // as GitHub wraps a repository's archive
        files.put("greeter-main/main.js", "log.info('zip');\n");
        byte[] zip = Zips.zip(files);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/greeter.zip", ex -> {
            ex.sendResponseHeaders(200, zip.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(zip);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/greeter.zip";
            assertEquals(
                    PluginInstaller.Outcome.INSTALLED, installer(new Talk()).add(url, null, true));
            assertEquals("log.info('zip');\n", Files.readString(plugins().resolve("greeter/main.js")));
            PluginLock.Entry e = PluginLock.read(PluginLock.file(plugins())).get("greeter");
            assertEquals(url, e.source());
            assertEquals(64, e.archiveSha256().length());
        } finally {
            server.stop(0);
        }
        String plain = assertThrows(
                        PluginInstaller.InstallException.class,
                        () -> installer(new Talk()).add("http://plugins.example.com/x.zip", null, true))
                .getMessage();
        assertTrue(plain.contains("only https URLs (plain http only to 127.0.0.1, ::1 or localhost)"), plain);
    }

    @Test
    void zipsThatEscapeAreRefusedAndLeaveNothing() throws IOException {
        Path bad = Files.write(dir.resolve("bad.zip"), Zips.zip(Map.of("plugin.yml", V1, "../../escaped.js", "x")));
        String m = assertThrows(
                        PluginInstaller.InstallException.class,
                        () -> installer(new Talk()).add(bad.toString(), null, true))
                .getMessage();
        assertTrue(m.contains("archive entry '../../escaped.js' leaves the plugin's folder"), m);
        assertEquals(List.of(), pluginsFolder(), "no plugin, no staging left behind");
        assertFalse(Files.exists(dir.resolve("escaped.js")));
        Path link = Files.write(
                dir.resolve("link.zip"), Zips.withLink(Map.of("plugin.yml", V1, "main.js", "/etc"), "main.js"));
        assertThrows(
                PluginInstaller.InstallException.class,
                () -> installer(new Talk()).add(link.toString(), null, true));
        Path bomb = Files.write(dir.resolve("bomb.zip"), Zips.bomb(1L << 30));
        assertTrue(assertThrows(
                        PluginInstaller.InstallException.class,
                        () -> installer(new Talk()).add(bomb.toString(), null, true))
                .getMessage()
                .contains("refused as a possible zip bomb"));
        assertEquals(List.of(), pluginsFolder());
    }

    private static PersonIdent me() {
        return new PersonIdent("Test", "test@example.com");
    }

    @Test
    void addAndUpdateFromALocalGitRepository() throws Exception {
        Path work = writePlugin(dir.resolve("work"), V1, "log.info('v1');\n");
        Path bare = dir.resolve("greeter.git");
        String v1;
        try (Git git =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            v1 = git.commit()
                    .setMessage("v1")
                    .setAuthor(me())
                    .setCommitter(me())
                    .call()
                    .name();
            git.tag().setName("v1").setAnnotated(false).call();
        }
        Git.cloneRepository()
                .setURI(work.toUri().toString())
                .setDirectory(bare.toFile())
                .setBare(true)
                .call()
                .close();
        String url = bare.toUri().toString();
        assertEquals(PluginInstaller.Outcome.INSTALLED, installer(new Talk()).add(url, "main", true));
        PluginLock.Entry e = PluginLock.read(PluginLock.file(plugins())).get("greeter");
        assertEquals(v1, e.commit());
        assertEquals("main", e.ref());
        assertFalse(Files.exists(plugins().resolve("greeter/.git")), "the checkout keeps no repository");

        // v2 asks for more: the update shows the change and asks again
        try (Git git = Git.open(work.toFile())) {
            Files.writeString(
                    work.resolve("plugin.yml"),
                    V1.replace("\"1.0\"", "\"2.0\"")
                            .replace(
                                    "[messages.sendMessage, account.deleteAccount]",
                                    "[messages.sendMessage, account.*]"));
            Files.writeString(work.resolve("main.js"), "log.info('v2');\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("v2").setAuthor(me()).setCommitter(me()).call();
            git.push().setRemote(bare.toUri().toString()).add("main").call();
        }
        Talk declined = new Talk().answer(false);
        assertEquals(
                List.of(PluginInstaller.Outcome.CANCELLED), installer(declined).update("greeter", null, false));
        assertEquals("log.info('v1');\n", Files.readString(plugins().resolve("greeter/main.js")));
        String diff = declined.text();
        assertTrue(diff.contains("Update greeter  version 2.0 (installed: 1.0)"), diff);
        assertTrue(diff.contains("  permissions change:\n    + account.*\n    - account.deleteAccount"), diff);
        assertTrue(diff.contains("network: unchanged [api.example.com]"), diff);
        assertEquals(List.of("Update greeter to greeter 2.0 (js)?"), declined.questions);

        assertEquals(
                List.of(PluginInstaller.Outcome.UPDATED),
                installer(new Talk().answer(true)).update("greeter", null, false));
        assertEquals("log.info('v2');\n", Files.readString(plugins().resolve("greeter/main.js")));
        assertEquals(
                "2.0",
                PluginLock.read(PluginLock.file(plugins())).get("greeter").version());

        // back to the tag
        assertEquals(
                List.of(PluginInstaller.Outcome.UPDATED), installer(new Talk()).update("greeter", "v1", true));
        assertEquals("log.info('v1');\n", Files.readString(plugins().resolve("greeter/main.js")));
        assertEquals(
                v1, PluginLock.read(PluginLock.file(plugins())).get("greeter").commit());
        assertEquals(
                List.of(PluginInstaller.Outcome.UP_TO_DATE),
                installer(new Talk()).update("greeter", "v1", true));
    }

    @Test
    void aBrokenUpdateRollsBack() throws Exception {
        Path src = writePlugin(dir.resolve("src/greeter"), V1, "log.info('v1');\n");
        installer(new Talk()).add(src.toString(), null, true);
        String sha = PluginLock.read(PluginLock.file(plugins())).get("greeter").sha256();

        writePlugin(src, V1.replace("\"1.0\"", "\"2.0\""), "log.info('v2'\n"); // a syntax error
        String m = assertThrows(
                        PluginInstaller.InstallException.class,
                        () -> installer(new Talk()).update("greeter", null, true))
                .getMessage();
        assertTrue(
                m.startsWith("greeter: the new version 2.0 does not load, so the installed version 1.0 is back in"
                        + " place: greeter 2.0 (js) does not load: syntax error at main.js:"),
                m);
        assertEquals("log.info('v1');\n", Files.readString(plugins().resolve("greeter/main.js")));
        assertTrue(Files.readString(plugins().resolve("greeter/plugin.yml")).contains("\"1.0\""));
        assertEquals(
                sha, PluginLock.read(PluginLock.file(plugins())).get("greeter").sha256());
        assertEquals(List.of("greeter"), pluginsFolder(), "no staging left");

        writePlugin(src, V1 + "permisions: [x]\n", "log.info('v3');\n"); // plugin.yml that does not parse
        String m2 = assertThrows(
                        PluginInstaller.InstallException.class,
                        () -> installer(new Talk()).update("greeter", null, true))
                .getMessage();
        assertTrue(m2.contains("unknown key 'permisions' (did you mean 'permissions'?)"), m2);
        assertEquals("log.info('v1');\n", Files.readString(plugins().resolve("greeter/main.js")));
    }

    @Test
    void requiresIsChecked() throws IOException {
        Path src = writePlugin(dir.resolve("src/future"), "requires: {scriptgram: \">=99.0\"}\n", "log.info(1);\n");
        String m = assertThrows(
                        PluginInstaller.InstallException.class,
                        () -> installer(new Talk()).add(src.toString(), null, true))
                .getMessage();
        assertTrue(
                m.contains("future/plugin.yml: line 1: requires.scriptgram: this plugin needs scriptgram >=99.0, and"
                        + " this is " + HostVersion.CURRENT),
                m);
        assertEquals(List.of(), pluginsFolder());
        assertTrue(HostVersion.satisfies(">=0.1"));
        assertTrue(HostVersion.satisfies(">=0.1, <2"));
        assertFalse(HostVersion.satisfies("<0.1"));
        assertThrows(IllegalArgumentException.class, () -> HostVersion.satisfies("latest"));
    }

    @Test
    void removeAsksAboutStorage() throws IOException {
        Path src = writePlugin(dir.resolve("src/greeter"), V1, "log.info(1);\n");
        installer(new Talk()).add(src.toString(), null, true);
        boolean[] erased = {false};
        Talk keep = new Talk().answer(true, false);
        assertTrue(installer(keep).remove("greeter", null, false, () -> erased[0] = true));
        assertEquals(2, keep.questions.size());
        assertTrue(keep.questions.get(1).startsWith("Also delete greeter's storage"), keep.questions.toString());
        assertFalse(erased[0], "kept");
        assertEquals(List.of(), pluginsFolder());
        assertFalse(PluginLock.read(PluginLock.file(plugins())).containsKey("greeter"));

        installer(new Talk()).add(src.toString(), null, true);
        assertTrue(installer(new Talk().answer(true, true)).remove("greeter", null, false, () -> erased[0] = true));
        assertTrue(erased[0], "deleted when asked to");
    }
}
