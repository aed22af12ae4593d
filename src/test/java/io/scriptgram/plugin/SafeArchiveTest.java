package io.scriptgram.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives that try to escape, link, or expand past the limits are refused before a byte is unpacked. */
class SafeArchiveTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] zip) throws IOException {
        return Files.write(dir.resolve(name), zip);
    }

    private String refusal(byte[] zip) throws IOException {
        Path z = write("x.zip", zip);
        Path into = Files.createDirectories(dir.resolve("into"));
        IOException e = assertThrows(IOException.class, () -> SafeArchive.extract(z, into, SafeArchive.Limits.DEFAULT));
        try (Stream<Path> s = Files.list(into)) {
            assertEquals(List.of(), s.toList(), "nothing unpacked");
        }
        Files.delete(into);
        return e.getMessage();
    }

    private static Map<String, String> plugin(String extraName, String extra) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("plugin.yml", "name: p\n");
        m.put("main.js", "log.info(1)\n");
        m.put(extraName, extra);
        return m;
    }

    @Test
    void aPlainArchiveUnpacks() throws IOException {
        Path z = write("ok.zip", Zips.zip(plugin("lib/util.js", "export const x = 1;\n")));
        Path into = Files.createDirectories(dir.resolve("ok"));
        SafeArchive.extract(z, into, SafeArchive.Limits.DEFAULT);
        assertEquals("export const x = 1;\n", Files.readString(into.resolve("lib/util.js")));
        assertEquals("name: p\n", Files.readString(into.resolve("plugin.yml")));
    }

    @Test
    void escapingPathsAreRefused() throws IOException {
        assertEquals(
                "archive entry '../evil.js' leaves the plugin's folder (..); nothing was installed",
                refusal(Zips.zip(plugin("../evil.js", "x"))));
        assertEquals(
                "archive entry 'lib/../../evil.js' leaves the plugin's folder (..); nothing was installed",
                refusal(Zips.zip(plugin("lib/../../evil.js", "x"))));
        assertEquals(
                "archive entry '/etc/cron.d/evil' is an absolute path; a plugin's files are relative to its folder;"
                        + " nothing was installed",
                refusal(Zips.zip(plugin("/etc/cron.d/evil", "x"))));
        assertEquals(
                "archive entry 'C:/evil.js' is an absolute path; a plugin's files are relative to its folder; nothing"
                        + " was installed",
                refusal(Zips.zip(plugin("C:/evil.js", "x"))));
        assertEquals(
                "archive entry '..\\evil.js' has a backslash or NUL in its name; nothing was installed",
                refusal(Zips.zip(plugin("..\\evil.js", "x"))));
    }

    @Test
    void linksAreRefused() throws IOException {
        assertEquals(
                "archive entry 'data' is a symbolic link; a plugin's archive may not hold links; nothing was installed",
                refusal(Zips.withLink(plugin("data", "/home/user/.ssh"), "data")));
    }

    @Test
    void aGigabyteBombIsRefusedBeforeUnpacking() throws IOException {
        long gb = 1L << 30;
        byte[] bomb = Zips.bomb(gb);
        assertTrue(bomb.length < 2 << 20, "a bomb: " + bomb.length + " bytes for a gigabyte");
        Path z = write("bomb-check.zip", bomb);
        try (ZipFile zf = new ZipFile(z.toFile());
                InputStream in = zf.getInputStream(zf.getEntry("zeros.bin"))) {
            assertEquals(gb, zf.getEntry("zeros.bin").getSize(), "the JDK reads it as a real archive");
            byte[] first = in.readNBytes(3 << 20);
            assertEquals(3 << 20, first.length, "it really inflates");
        }
        assertEquals(
                "bomb-check.zip".replace("bomb-check", "x") + ": unpacks to more than 67108864 bytes (entry zeros.bin"
                        + " alone declares 1073741824); refused as a possible zip bomb",
                refusal(bomb));
    }

    @Test
    void anEntryLargerThanItDeclaresStopsAtTheLie() throws IOException {
        Path z = write("liar.zip", Zips.bomb(8L << 20, 1000));
        Path into = Files.createDirectories(dir.resolve("liar"));
        IOException e = assertThrows(IOException.class, () -> SafeArchive.extract(z, into, SafeArchive.Limits.DEFAULT));
        assertEquals(
                "archive entry 'zeros.bin' unpacks to more than the 1000 bytes it declares; nothing was installed",
                e.getMessage());
        assertTrue(Files.size(into.resolve("zeros.bin")) <= 1000);
    }

    @Test
    void tooManyFilesAreRefused() throws IOException {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) many.put("f" + i + ".js", "");
        Path z = write("many.zip", Zips.zip(many));
        Path into = Files.createDirectories(dir.resolve("many"));
        IOException e = assertThrows(
                IOException.class, () -> SafeArchive.extract(z, into, new SafeArchive.Limits(20, 1 << 20)));
        assertEquals("many.zip: 30 entries, more than the 20 a plugin may have", e.getMessage());
    }
}
