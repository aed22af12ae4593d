package io.scriptgram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * mtcute (the fastest peer library we compare with) run by node as a child process, through {@link NodePackage}:
 * installed once into a cache folder outside the repository, then driven by a harness script from this package's
 * resources. Everything that can be missing (node, npm, the network for the first install) ends in an empty result and
 * a note on stderr, so a bench still prints its own figures.
 */
final class MtcuteReference {
    /**
     * The release the benches compare with. Its TL layer is {@link #LAYER}: the release with our bundled layer 228
     * (0.31.0) needs {@code @fuman/io@0.0.21}, which the npm registry here does not serve, so {@code bench tl} compares
     * on a payload of layer 223 ({@link #layerSchema}).
     */
    static final String VERSION = "0.28.2";

    static final int LAYER = 223;

    /** The schema of mtcute's layer, as {@code tools/update-schema} converted it from {@code @mtcute/tl@223.0.0}. */
    static TlSchema layerSchema() throws IOException {
        try (InputStream in = MtcuteReference.class.getResourceAsStream("/io/scriptgram/tl/layer223/api.tl")) {
            if (in == null) throw new IOException("the layer 223 schema resource is missing");
            return TlSchema.withApi(new String(in.readAllBytes(), StandardCharsets.UTF_8), "layer223/api.tl");
        }
    }

    private final NodePackage pkg;

    private MtcuteReference(NodePackage pkg) {
        this.pkg = pkg;
    }

    /** The installed reference, installing it first if needed; empty (with a note) where that is not possible. */
    static Optional<MtcuteReference> find(String bench) throws InterruptedException {
        NodePackage.Found found = NodePackage.find("mtcute-" + VERSION, "@mtcute/node", VERSION);
        if (found.pkg().isEmpty()) note(bench, found.reason() + "; the mtcute comparison is skipped");
        return found.pkg().map(MtcuteReference::new);
    }

    /**
     * Runs the harness resource {@code script} with {@code args} and returns its one JSON line, or empty with a note.
     */
    Optional<JsonNode> run(String bench, String script, List<String> args, int timeoutSeconds)
            throws IOException, InterruptedException {
        HarnessProcess.Outcome o = pkg.run(MtcuteReference.class, script, args, Duration.ofSeconds(timeoutSeconds));
        if (!o.ok()) {
            note(bench, o.describe(script) + "; the mtcute figures are omitted");
            return Optional.empty();
        }
        return o.json();
    }

    static void note(String bench, String text) {
        System.err.println(bench + " bench: " + text);
    }
}
