package io.scriptgram.arch;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layer rules of DESIGN.md, checked over the sources' imports: each package uses only the
 * packages it may; Netty only in net; script-engine types only in script; no I/O below net.
 */
class LayerRulesTest {
    private static final Path MAIN = Path.of("src/main/java/io/scriptgram");
    private static final Path BENCH = Path.of("src/bench/java/io/scriptgram");

    /** package → project packages it may use (DESIGN.md "Layers and packages"). */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("tl", Set.of()),
            Map.entry("crypto", Set.of()),
            Map.entry("transport", Set.of("crypto")),
            Map.entry("mtproto", Set.of("tl", "crypto")),
            Map.entry("net", Set.of("transport", "mtproto", "tl", "crypto")),
            Map.entry("store", Set.of("tl")),
            Map.entry("client", Set.of("net", "mtproto", "store", "tl", "crypto")),
            Map.entry("sandbox", Set.of("net", "mtproto", "tl", "crypto", "config")),
            Map.entry("script", Set.of("client", "tl", "store", "config")),
            Map.entry("schedule", Set.of()),
            Map.entry("config", Set.of()),
            Map.entry("plugin", Set.of("script", "schedule", "config")),
            Map.entry("host", Set.of("tl", "crypto", "transport", "mtproto", "net", "store", "client", "sandbox",
                    "script", "plugin", "schedule", "config")),
            Map.entry("cli", Set.of("*")),
            // Everything but cli, which runs the benchmarks: no import cycle.
            Map.entry("bench", Set.of("tl", "crypto", "transport", "mtproto", "net", "store", "client", "sandbox",
                    "script", "plugin", "schedule", "config", "host")));

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Set<String> SANS_IO = Set.of("tl", "crypto", "transport", "mtproto");

    @Test
    void everyPackageUsesOnlyWhatItMay() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = (file.startsWith(BENCH) ? BENCH : MAIN).relativize(file).getName(0).toString();
            Set<String> allowed = MAY_USE.get(pkg);
            if (allowed == null) {
                violations.add(file + ": package '" + pkg + "' is not in DESIGN.md's layer table");
                continue;
            }
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String imp = m.group(1);
                if (imp.startsWith("io.scriptgram.")) {
                    String target = imp.split("\\.")[2];
                    if (!target.equals(pkg) && !allowed.contains("*") && !allowed.contains(target)) violations.add(file + " uses " + imp);
                }
                if (imp.startsWith("io.netty.") && !pkg.equals("net")) violations.add(file + " uses Netty outside net: " + imp);
                if (imp.startsWith("org.graalvm.") && !pkg.equals("script") && !pkg.equals("bench") && !pkg.equals("cli")) {
                    violations.add(file + " uses script-engine types outside script: " + imp);
                }
                if (SANS_IO.contains(pkg) && (imp.startsWith("java.net.") || imp.startsWith("java.nio.channels.")
                        || imp.equals("java.nio.file.Files") || imp.startsWith("java.io.File") || imp.startsWith("java.util.concurrent.")
                        || imp.equals("java.lang.Thread"))) {
                    violations.add(file + " does I/O or threading below net: " + imp);
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> main = Files.walk(MAIN); Stream<Path> bench = Files.walk(BENCH)) {
            return Stream.concat(main, bench).filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
