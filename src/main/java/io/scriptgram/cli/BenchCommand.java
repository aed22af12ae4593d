package io.scriptgram.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.scriptgram.bench.Bench;
import io.scriptgram.bench.Benches;
import io.scriptgram.host.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bench NAME [--quick] [--json FILE]}: measures one capability and prints a table (DESIGN.md "Benchmarks"). */
@Command(
        name = "bench",
        description = "Measures one capability on this machine: tl, crypto, rpc, ... (run without NAME to list them).")
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME")
    String name;

    @Option(names = "--quick", description = "A short run (a smoke test; wide error bars).")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as one flat JSON object.")
    Path json;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (name == null) {
            for (Bench b : Benches.all()) out.printf("%-8s %s%n", b.name(), b.description());
            return;
        }
        Bench bench = Benches.named(name)
                .orElseThrow(() -> new UserError("no benchmark named '" + name + "'; known: "
                        + Benches.all().stream().map(Bench::name).collect(Collectors.joining(", "))));
        out.println("bench " + bench.name() + ": " + bench.description());
        out.flush();
        LinkedHashMap<String, Double> figures;
        try {
            figures = bench.run(quick);
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            throw new UserError("bench " + name + " failed: " + e, e);
        }
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Double> f : figures.entrySet())
            out.printf("  %-" + width + "s  %s%n", f.getKey(), format(f.getValue()));
        out.flush();
        if (json != null) {
            try {
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), figures);
            } catch (IOException e) {
                throw new UserError("cannot write " + json + ": " + e.getMessage());
            }
        }
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format("%,.0f", v);
        if (Math.abs(v) >= 100) return String.format("%,.1f", v);
        return String.format("%.3f", v);
    }
}
