package io.scriptgram.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.scriptgram.bench.HarnessProcess;
import io.scriptgram.bench.NodePackage;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another MTProto library driven by a harness script for the session round trips: mtcute and GramJS (npm, through
 * {@link NodePackage}) and Telethon (Debian's python3-telethon). Every harness speaks the same two commands:
 * {@code login HOST PORT PUBKEY_PEM PHONE CODE} prints {@code {"session", "userId"}}, {@code call HOST PORT PUBKEY_PEM
 * SESSION} prints {@code {"userId"}}. Where the library is missing, {@link #missing()} says why, for the test to skip.
 *
 * @param name the library and version, as the test names it
 * @param format the library's session string: what {@code session import} says it found, and the {@code session export
 *     --format} for it (its name in lower case)
 * @param portBelow32768 the library's string keeps the port as a signed 16-bit number (GramJS)
 */
public record OtherLibrary(
        String name,
        SessionFormat format,
        boolean portBelow32768,
        List<String> command,
        Path dir,
        String harness,
        List<TlSchema> layers,
        String missing) {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final String TELETHON_PYTHON = "/usr/bin/python3";

    /** The reason this library cannot run here, or empty. */
    public String missing() {
        return missing;
    }

    public boolean present() {
        return missing.isEmpty();
    }

    /** mtcute 0.28.2: layer 223, which the test sandbox serves beside the bundled one. */
    public static OtherLibrary mtcute(TlSchema layer223) throws InterruptedException {
        NodePackage.Found found = NodePackage.find("mtcute-0.28.2", "@mtcute/node", "0.28.2");
        return new OtherLibrary(
                "mtcute 0.28.2",
                SessionFormat.MTCUTE,
                false,
                List.of("node"),
                found.pkg().map(NodePackage::dir).orElse(null),
                "mtcute-session.mjs",
                List.of(layer223),
                found.reason());
    }

    /** GramJS 2.26.22: its own layer (198), read from the installed package's {@code telegram/tl/apiTl.js}. */
    public static OtherLibrary gramJs() throws InterruptedException, IOException {
        NodePackage.Found found = NodePackage.find("gramjs-2.26.22", "telegram", "2.26.22");
        List<TlSchema> layers = found.pkg().isEmpty()
                ? List.of()
                : List.of(gramJsLayer(found.pkg().get()));
        return new OtherLibrary(
                "GramJS 2.26.22",
                SessionFormat.GRAMJS,
                true,
                List.of("node"),
                found.pkg().map(NodePackage::dir).orElse(null),
                "gramjs-session.cjs",
                layers,
                found.reason());
    }

    /**
     * Telethon as Debian packages it, run by {@code /usr/bin/python3} (the one the package installs for): layer 144,
     * whose schema is a test resource because the package ships no .tl.
     */
    public static OtherLibrary telethon() throws InterruptedException, IOException {
        String reason = "";
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        List<TlSchema> layers = List.of();
        HarnessProcess.Outcome o = Files.isExecutable(Path.of(TELETHON_PYTHON))
                ? HarnessProcess.run(
                        List.of(
                                TELETHON_PYTHON,
                                "-c",
                                "import json, telethon; from telethon.tl.alltlobjects import LAYER;"
                                        + " print(json.dumps({'version': telethon.__version__, 'layer': LAYER}))"),
                        dir,
                        Duration.ofSeconds(60))
                : null;
        if (o == null) reason = TELETHON_PYTHON + " is missing";
        else if (!o.ok())
            reason = "Telethon is not installed for " + TELETHON_PYTHON + " (apt-get install python3-telethon)";
        else if (o.json().orElseThrow().get("layer").asInt() != 144)
            reason = "the installed Telethon "
                    + o.json().orElseThrow().get("version").asText() + " speaks layer "
                    + o.json().orElseThrow().get("layer").asInt() + "; this test has the schema of layer 144 only";
        else layers = List.of(resourceLayer("/io/scriptgram/tl/layer144/api.tl"));
        return new OtherLibrary(
                "Telethon "
                        + (o != null && o.ok()
                                ? o.json().orElseThrow().get("version").asText()
                                : "(missing)"),
                SessionFormat.TELETHON,
                false,
                List.of(TELETHON_PYTHON),
                Files.createDirectories(dir.resolve("scriptgram-telethon-harness")),
                "telethon-session.py",
                layers,
                reason);
    }

    /** Runs the harness; its JSON answer, or an AssertionError that shows how it ended and what it printed. */
    public JsonNode run(List<String> args) throws IOException, InterruptedException {
        HarnessProcess.Outcome o = HarnessProcess.runScript(OtherLibrary.class, harness, command, dir, args, LIMIT);
        if (!o.ok()) throw new AssertionError(o.describe(name + " " + harness + " " + args.get(0)));
        return o.json().orElseThrow();
    }

    private static final Pattern GRAMJS_LAYER = Pattern.compile("exports\\.LAYER = (\\d+);");

    /** The TL text GramJS is built from: a JavaScript template string in apiTl.js, its layer in AllTLObjects.js. */
    static TlSchema gramJsLayer(NodePackage pkg) throws IOException {
        String js = Files.readString(pkg.module("telegram/tl/apiTl.js"), StandardCharsets.UTF_8);
        int start = js.indexOf('`');
        int end = js.lastIndexOf('`');
        if (start < 0 || end <= start) throw new IOException("telegram/tl/apiTl.js holds no TL template string");
        Matcher layer = GRAMJS_LAYER.matcher(
                Files.readString(pkg.module("telegram/tl/AllTLObjects.js"), StandardCharsets.UTF_8));
        if (!layer.find()) throw new IOException("telegram/tl/AllTLObjects.js names no LAYER");
        String text = js.substring(start + 1, end) + "\n// LAYER " + layer.group(1) + "\n";
        return TlSchema.withApi(text, "telegram/tl/apiTl.js");
    }

    private static TlSchema resourceLayer(String resource) throws IOException {
        try (InputStream in = OtherLibrary.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("test resource " + resource + " is missing");
            return TlSchema.withApi(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        }
    }

    /** The {@code session export --format} value. */
    public String exportFormat() {
        return format.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name;
    }
}
