package io.scriptgram.scripttest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scriptgram.config.Config;
import io.scriptgram.script.ScriptLanguage;
import io.scriptgram.script.TestContexts;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * Runs the tests of one file: the file is evaluated once in a context of its own (its {@code test(...)} calls or
 * {@code test_*} functions register the tests), then each selected test runs against a fresh world ({@link TestHost})
 * with the script under test loaded in it.
 */
final class TestFileRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Config base;
    private final TlSchema schema;
    /** The run's sandbox key, made in the background (a test's world waits for it). */
    private final CompletableFuture<Path> keyFile;

    TestFileRunner(Config base, TlSchema schema, CompletableFuture<Path> keyFile) {
        this.base = base;
        this.schema = schema;
        this.keyFile = keyFile;
    }

    /** The results of {@code file}'s tests whose name {@code select} accepts, each reported to {@code each}. */
    List<TestResult> run(TestFiles.TestFile file, Predicate<String> select, Consumer<TestResult> each) {
        List<TestResult> out = new ArrayList<>();
        Consumer<TestResult> add = r -> {
            out.add(r);
            each.accept(r);
        };
        String label = file.label();
        Path folder = file.file().toAbsolutePath().getParent();
        List<String> output = new ArrayList<>();
        try (Context ctx = TestContexts.build(file.language(), folder, output::add, output::add)) {
            Guest guest;
            List<String> names;
            try {
                guest = file.language() == ScriptLanguage.JS ? new JsGuest(ctx, file) : new PyGuest(ctx, file);
                names = guest.names();
            } catch (PolyglotException | IOException e) {
                add.accept(new TestResult(
                        label,
                        "(loading " + file.file().getFileName() + ")",
                        TestResult.Outcome.ERROR,
                        0,
                        "the test file does not run: " + message(e),
                        location(e, file),
                        output));
                return out;
            }
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (!select.test(name)) continue;
                add.accept(runOne(file, guest, i, name));
            }
        }
        return out;
    }

    private TestResult runOne(TestFiles.TestFile file, Guest guest, int index, String name) {
        String label = file.label();
        long t0 = System.nanoTime();
        if (file.problem() != null)
            return new TestResult(label, name, TestResult.Outcome.ERROR, 0, file.problem(), null, List.of());
        TestHost host;
        try {
            host = TestHost.start(file, base, schema, keyFile.join());
        } catch (IOException | RuntimeException e) {
            Throwable why = e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e;
            return new TestResult(
                    label,
                    name,
                    TestResult.Outcome.ERROR,
                    millis(t0),
                    "the test world did not start: " + why.getMessage(),
                    null,
                    List.of());
        }
        try (host) {
            String problem = host.loadProblem();
            if (problem != null)
                return new TestResult(
                        label,
                        name,
                        TestResult.Outcome.ERROR,
                        millis(t0),
                        "the script under test did not load:\n" + problem,
                        null,
                        host.log());
            host.calls.start();
            Failure f = guest.run(index, name, new TestApi(host));
            List<String> log = host.log();
            if (f == null) return new TestResult(label, name, TestResult.Outcome.PASSED, millis(t0), null, null, log);
            List<String> errors =
                    host.handle() == null ? List.of() : host.handle().errors();
            String msg = f.message;
            if (!errors.isEmpty()) msg += "\n\nThe script reported:\n  " + String.join("\n  ", errors);
            return new TestResult(label, name, f.outcome, millis(t0), msg, f.location, log);
        }
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Why a test did not pass. */
    record Failure(TestResult.Outcome outcome, String message, String location) {}

    /** The test file as evaluated in its language. */
    private interface Guest {
        List<String> names();

        /** Runs test {@code index}; null when it passed. */
        Failure run(int index, String name, TestApi api);
    }

    private static final class JsGuest implements Guest {
        private final Value runner;
        private final TestFiles.TestFile file;

        JsGuest(Context ctx, TestFiles.TestFile file) throws IOException {
            this.file = file;
            Value prelude = ctx.eval(Source.newBuilder("js", resource("test-prelude.js"), "scriptgram-test-prelude.js")
                    .build());
            this.runner = prelude.execute((Object) null);
            ctx.eval(source(file, "js"));
        }

        @Override
        public List<String> names() {
            return parseNames(runner.invokeMember("names").asString());
        }

        @Override
        public Failure run(int index, String name, TestApi api) {
            Done done = new Done();
            try {
                runner.invokeMember("run", index, api, done);
            } catch (PolyglotException e) {
                return failure(e, file);
            }
            if (!done.settled)
                return new Failure(
                        TestResult.Outcome.ERROR,
                        "the test's promise never settled: it awaited something that did not finish (t's methods"
                                + " finish before they return; a bare new Promise() without resolve never does)",
                        null);
            if (done.error == null) return null;
            return failure(done.error, done.stack, file);
        }
    }

    /** Where the JS prelude reports a settled test. */
    public static final class Done {
        boolean settled;
        Value error;
        String stack;

        @HostAccess.Export
        public void ok() {
            settled = true;
        }

        @HostAccess.Export
        public void fail(Value e, String stack) {
            settled = true;
            error = e;
            this.stack = stack;
        }
    }

    private static final class PyGuest implements Guest {
        private final Value bindings;
        private final TestFiles.TestFile file;

        PyGuest(Context ctx, TestFiles.TestFile file) throws IOException {
            this.file = file;
            ctx.eval(Source.newBuilder("python", resource("test_prelude.py"), "scriptgram_test_prelude.py")
                    .build());
            this.bindings = ctx.getBindings("python");
            ctx.eval(source(file, "python"));
        }

        @Override
        public List<String> names() {
            return parseNames(bindings.getMember("_sg_tests").execute().asString());
        }

        @Override
        public Failure run(int index, String name, TestApi api) {
            try {
                bindings.getMember("_sg_run")
                        .execute(name, api, file.file().getFileName().toString());
                return null;
            } catch (PolyglotException e) {
                Failure f = failure(e, file);
                if (api.failedLine <= 0) return f;
                String loc = file.file().getFileName() + ":" + api.failedLine;
                // A bare assert's message is the line that failed: the traceback's, not the function's first.
                boolean bare = f.message().equals("AssertionError")
                        || f.location() != null
                                && f.message().equals("AssertionError: " + sourceLine(file, f.location()));
                String msg = bare ? "AssertionError: " + sourceLine(file, loc) : f.message();
                return new Failure(f.outcome(), msg, loc);
            }
        }
    }

    // ---- failures ----

    /** A failure thrown out of the guest. */
    static Failure failure(PolyglotException e, TestFiles.TestFile file) {
        if (e.isHostException()) {
            Throwable t = e.asHostException();
            return new Failure(outcomeOf(t), hostMessage(t), location(e, file));
        }
        if (e.isInterrupted() || e.isCancelled())
            return new Failure(TestResult.Outcome.ERROR, "the test was stopped: " + e.getMessage(), null);
        String msg = e.getMessage() == null ? "error" : e.getMessage();
        boolean assertion = msg.startsWith("AssertionError") || msg.startsWith("ExpectationError");
        String loc = location(e, file);
        if (msg.equals("AssertionError") && loc != null) msg = "AssertionError: " + sourceLine(file, loc);
        return new Failure(assertion ? TestResult.Outcome.FAILED : TestResult.Outcome.ERROR, msg, loc);
    }

    /** A JS test's rejection value (an Error, a host exception, anything thrown). */
    static Failure failure(Value e, String stack, TestFiles.TestFile file) {
        String loc = stackLocation(stack, file);
        if (e != null && e.hasMembers() && e.hasMember("hostError")) e = e.getMember("hostError");
        if (e != null && e.isHostObject() && e.asHostObject() instanceof Throwable t)
            return new Failure(outcomeOf(t), hostMessage(t), loc);
        if (e != null && e.isException()) {
            try {
                e.throwException();
            } catch (PolyglotException pe) {
                if (pe.isHostException()) {
                    Throwable t = pe.asHostException();
                    return new Failure(outcomeOf(t), hostMessage(t), loc != null ? loc : location(pe, file));
                }
                String name = text(e, "name", "Error");
                String msg = text(e, "message", pe.getMessage());
                boolean expectation = name.equals("ExpectationError") || name.equals("AssertionError");
                return new Failure(
                        expectation ? TestResult.Outcome.FAILED : TestResult.Outcome.ERROR,
                        expectation ? msg : name + ": " + msg,
                        loc != null ? loc : location(pe, file));
            }
        }
        return new Failure(TestResult.Outcome.ERROR, "the test threw " + e, loc);
    }

    /** A string member of a guest error, or {@code dflt}. */
    private static String text(Value e, String member, String dflt) {
        Value v = e.hasMember(member) ? e.getMember(member) : null;
        return v != null && v.isString() ? v.asString() : dflt;
    }

    private static TestResult.Outcome outcomeOf(Throwable t) {
        return t instanceof TestFailure ? TestResult.Outcome.FAILED : TestResult.Outcome.ERROR;
    }

    private static String hostMessage(Throwable t) {
        if (t instanceof TestFailure || t instanceof IllegalArgumentException) return t.getMessage();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code ping.test.js:7}: the innermost frame in the test file, or null. */
    static String location(Exception e, TestFiles.TestFile file) {
        if (!(e instanceof PolyglotException pe)) return null;
        String name = file.file().getFileName().toString();
        for (PolyglotException.StackFrame f : pe.getPolyglotStackTrace()) {
            SourceSection s = f.getSourceLocation();
            if (s != null && s.getSource().getName().endsWith(name)) return name + ":" + s.getStartLine();
        }
        SourceSection s = pe.getSourceLocation();
        if (s != null && s.getSource().getName().endsWith(name)) return name + ":" + s.getStartLine();
        return null;
    }

    /** The first {@code FILE:LINE} of the test file in a JS stack text. */
    static String stackLocation(String stack, TestFiles.TestFile file) {
        if (stack == null) return null;
        String name = file.file().getFileName().toString();
        var m = Pattern.compile(Pattern.quote(name) + ":(\\d+)").matcher(stack);
        return m.find() ? name + ":" + m.group(1) : null;
    }

    /** The text of the line {@code loc} ({@code FILE:LINE}) names, trimmed. */
    static String sourceLine(TestFiles.TestFile file, String loc) {
        try {
            int line = Integer.parseInt(loc.substring(loc.lastIndexOf(':') + 1));
            List<String> lines = Files.readAllLines(file.file(), StandardCharsets.UTF_8);
            return line >= 1 && line <= lines.size() ? lines.get(line - 1).trim() : "";
        } catch (IOException | NumberFormatException e) {
            return "";
        }
    }

    private static Source source(TestFiles.TestFile file, String lang) throws IOException {
        String text = Files.readString(file.file(), StandardCharsets.UTF_8);
        return Source.newBuilder(lang, text, file.file().getFileName().toString())
                .build();
    }

    private static List<String> parseNames(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TestFileRunner.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
