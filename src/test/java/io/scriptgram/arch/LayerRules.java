package io.scriptgram.arch;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * DESIGN.md's "Layers and packages" table, checked on class files: every dependency the compiler wrote (imports, inline
 * fully qualified names, field and method signatures, calls, annotations) counts.
 */
final class LayerRules {
    static final String ROOT = "io.scriptgram.";

    /** package → project packages it may use (DESIGN.md "Layers and packages"; "*" = everything). */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("tl", Set.of()),
            Map.entry("crypto", Set.of()),
            Map.entry("transport", Set.of("crypto")),
            Map.entry("mtproto", Set.of("tl", "crypto")),
            Map.entry("net", Set.of("transport", "mtproto", "tl", "crypto")),
            Map.entry("store", Set.of("tl")),
            Map.entry("session", Set.of("store", "tl")),
            Map.entry("client", Set.of("net", "mtproto", "store", "tl", "crypto")),
            Map.entry("sandbox", Set.of("net", "mtproto", "tl", "crypto", "config")),
            Map.entry("text", Set.of("tl")),
            Map.entry("chat", Set.of("client", "text", "tl", "store")),
            Map.entry("script", Set.of("client", "chat", "text", "tl", "store", "config", "budget")),
            Map.entry("schedule", Set.of()),
            Map.entry("config", Set.of("budget")),
            Map.entry("plugin", Set.of("script", "schedule", "config", "budget")),
            // Plugin API budgets and account-wide FLOOD_WAITs: pure decisions on an InstantSource, no I/O.
            Map.entry("budget", Set.of()),
            Map.entry("cluster", Set.of("store", "config")),
            Map.entry(
                    "host",
                    Set.of(
                            "tl",
                            "crypto",
                            "transport",
                            "mtproto",
                            "net",
                            "store",
                            "session",
                            "client",
                            "text",
                            "chat",
                            "sandbox",
                            "script",
                            "plugin",
                            "schedule",
                            "config",
                            "cluster",
                            "budget")),
            // The web console, metrics and API reference; its HTTP server (Jetty) only here.
            Map.entry("console", Set.of("plugin", "script", "client", "store", "config", "tl", "schedule", "budget")),
            // scriptgram test: a host and its sandbox per test, driven from the test file's own script context.
            Map.entry(
                    "scripttest",
                    Set.of(
                            "tl",
                            "client",
                            "chat",
                            "sandbox",
                            "script",
                            "plugin",
                            "schedule",
                            "config",
                            "store",
                            "host")),
            Map.entry("cli", Set.of("*")),
            // Everything but cli, which runs the benchmarks: no import cycle.
            Map.entry(
                    "bench",
                    Set.of(
                            "tl",
                            "crypto",
                            "transport",
                            "mtproto",
                            "net",
                            "store",
                            "client",
                            "text",
                            "chat",
                            "sandbox",
                            "script",
                            "plugin",
                            "schedule",
                            "config",
                            "host",
                            "console",
                            "scripttest",
                            "budget")));

    /** Sans-IO layers: no sockets, files or threads. */
    private static final Set<String> SANS_IO = Set.of("tl", "crypto", "transport", "mtproto", "text");

    private static final Set<String> SCRIPT_ENGINE_ALLOWED = Set.of("script", "cli", "bench", "scripttest");

    private LayerRules() {}

    /** One line per broken rule (sorted, each naming the class, the target and where), empty when all hold. */
    static List<String> violations(JavaClasses classes) {
        Set<String> found = new TreeSet<>();
        for (JavaClass c : classes) {
            String pkg = layerOf(c.getName());
            if (pkg == null) continue;
            Set<String> allowed = MAY_USE.get(pkg);
            if (allowed == null) {
                found.add(c.getName() + ": package '" + pkg + "' is not in DESIGN.md's layer table");
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String broken = broken(pkg, allowed, d.getTargetClass().getName());
                if (broken != null) found.add(broken + ": " + d.getDescription());
            }
        }
        return new ArrayList<>(found);
    }

    /** Why {@code pkg} may not use class {@code target}, or null. */
    private static String broken(String pkg, Set<String> allowed, String target) {
        String targetLayer = layerOf(target);
        boolean mayUse = targetLayer == null
                || targetLayer.equals(pkg)
                || allowed.contains("*")
                || allowed.contains(targetLayer);
        if (!mayUse) return pkg + " may not use " + targetLayer;
        if (target.startsWith("io.netty.") && !pkg.equals("net")) return "Netty outside net";
        if (target.startsWith("org.eclipse.jetty.") && !pkg.equals("console")) return "Jetty outside console";
        if (target.startsWith("org.graalvm.") && !SCRIPT_ENGINE_ALLOWED.contains(pkg)) {
            return "script-engine types outside script";
        }
        if (SANS_IO.contains(pkg) && doesIoOrThreads(target)) return "I/O or threading below net in " + pkg;
        return null;
    }

    private static boolean doesIoOrThreads(String target) {
        return target.startsWith("java.net.")
                || target.startsWith("java.nio.channels.")
                || target.equals("java.nio.file.Files")
                || target.startsWith("java.io.File")
                || target.startsWith("java.util.concurrent.")
                || target.equals("java.lang.Thread");
    }

    /** The first package segment below io.scriptgram ("tl" for io.scriptgram.tl.TlCodec$1), or null outside it. */
    static String layerOf(String className) {
        if (!className.startsWith(ROOT)) return null;
        int dot = className.indexOf('.', ROOT.length());
        return dot < 0 ? "" : className.substring(ROOT.length(), dot);
    }
}
