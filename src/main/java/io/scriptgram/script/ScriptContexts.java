package io.scriptgram.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * How a script's Context is made: locked down (only what we expose, reads inside its own folder, no threads, processes,
 * native code or environment; output to its logger) on the shared Engine, then given the language prelude that builds
 * the API globals and the value converters.
 */
final class ScriptContexts {
    private ScriptContexts() {}

    static Context build(ScriptSpec spec, ScriptLog log) {
        return lockedDown(
                spec.language(),
                spec.folder(),
                new LogStream(line -> log.log(Level.INFO, line)),
                new LogStream(line -> log.log(Level.WARNING, line)),
                "warn");
    }

    /**
     * The one locked-down Context (scripts and {@code scriptgram test} files): on the shared Engine, reads inside
     * {@code folder} only, output to {@code out}/{@code err}. {@code unhandledRejections}: GraalJS's option for a
     * promise nobody awaits ({@code warn}, or {@code none} where the caller reports them itself).
     */
    static Context lockedDown(
            ScriptLanguage lang, Path folder, LogStream out, LogStream err, String unhandledRejections) {
        Context.Builder b = Context.newBuilder(lang.graalId)
                .engine(SharedEngine.get())
                .allowHostAccess(HostAccess.EXPLICIT)
                .allowHostClassLookup(c -> false)
                .allowIO(IOAccess.newBuilder()
                        .fileSystem(new FolderFileSystem(
                                folder, lang == ScriptLanguage.PYTHON ? Path.of(SharedEngine.pythonHome()) : null))
                        .build())
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .currentWorkingDirectory(folder)
                .in(InputStream.nullInputStream())
                .out(out)
                .err(err);
        if (lang == ScriptLanguage.JS) {
            b.option("js.unhandled-rejections", unhandledRejections);
        } else {
            b.option("python.PythonPath", folder.toString())
                    .option("python.PythonHome", SharedEngine.pythonHome())
                    .option("python.DontWriteBytecodeFlag", "true")
                    // The process's signals belong to the host: GraalPy installs no handler of its own at start
                    // (the prelude refuses the signal functions a script could call; GraalPy has no option for those).
                    .option("python.InstallSignalHandlers", "false")
                    .option("python.WarnExperimentalFeatures", "false");
        }
        return b.build();
    }

    /**
     * Runs the language's prelude (API namespaces from {@code apiJson}, RpcError, helpers) and returns the value
     * converters.
     */
    static Values installPrelude(Context ctx, ScriptLanguage lang, Bridge bridge, String apiJson) throws IOException {
        Value bindings = ctx.getBindings(lang.graalId);
        if (lang == ScriptLanguage.JS) {
            Value prelude = ctx.eval(Source.newBuilder("js", resource("prelude.js"), "scriptgram-prelude.js")
                    .build());
            Value api = ctx.eval("js", "JSON.parse").execute(apiJson);
            Value helpers = prelude.execute(bridge, api);
            Values values = new Values(
                    lang,
                    helpers.getMember("mkObj"),
                    helpers.getMember("mkList"),
                    helpers.getMember("mkBytes"),
                    helpers.getMember("mkBig"),
                    helpers.getMember("mkErr"));
            values.rejectedFactory(helpers.getMember("mkRejected"));
            values.messageFactory(helpers.getMember("mkMsg"));
            values.fillFactory(helpers.getMember("mkFill"));
            values.pageFactory(helpers.getMember("mkPage"));
            values.infoFactory(helpers.getMember("mkInfo"));
            values.laterFactory(helpers.getMember("mkLater"));
            return values;
        }
        bindings.putMember("_sg_host", bridge);
        ctx.eval(Source.newBuilder("python", resource("prelude.py"), "scriptgram-prelude.py")
                .build());
        Values values = new Values(
                lang,
                bindings.getMember("TlObject"),
                bindings.getMember("_sg_list"),
                bindings.getMember("_sg_bytes"),
                bindings.getMember("_sg_int"),
                bindings.getMember("_sg_mk_err"));
        values.messageFactory(bindings.getMember("_sg_mk_msg"));
        return values;
    }

    /**
     * The script's entry file as a Source, refused with the byte offset and line of the first byte that is not UTF-8
     * (decoding would silently turn it into U+FFFD).
     */
    static Source entrySource(ScriptSpec spec) throws IOException {
        byte[] bytes = Files.readAllBytes(spec.entry());
        String name = spec.folder().relativize(spec.entry()).toString();
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes);
            int line = 1;
            for (int i = 0; i < bad; i++) if (bytes[i] == '\n') line++;
            throw new ScriptException(name + ": not valid UTF-8 at byte " + bad + " (line " + line + ", byte 0x"
                    + String.format("%02x", bytes[bad] & 0xff) + "); save the file as UTF-8");
        }
        return Source.newBuilder(spec.language().graalId, spec.entry().toFile())
                .content(text)
                .name(name)
                .mimeType(spec.language() == ScriptLanguage.JS ? "application/javascript+module" : null)
                .build();
    }

    /** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
    private static int firstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        return r.isError() ? in.position() : bytes.length - 1;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ScriptContexts.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Closes a script's context on its own thread {@code loop} (cancelling it if it will not stop within {@code wait})
     * and stops that thread.
     */
    static void close(Context ctx, ThreadPoolExecutor loop, Thread thread, Duration wait, Logger logger) {
        Future<?> closing = null;
        if (ctx != null) {
            try {
                closing = loop.submit(() -> ctx.close());
            } catch (RejectedExecutionException ignored) {
                // loop gone
            }
        }
        loop.shutdown();
        try {
            if (closing != null) closing.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            if (ctx != null) {
                try {
                    ctx.close(true);
                } catch (RuntimeException ignored) {
                    // closed meanwhile
                }
            }
        }
        loop.shutdownNow();
        try {
            if (!loop.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS))
                logger.warning("script thread did not stop within " + wait);
            Thread t = thread;
            if (t != null && t != Thread.currentThread())
                t.join(wait.toMillis()); // the pool says terminated a moment before its thread ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
