package io.scriptgram.bench;

import java.util.LinkedHashMap;

/**
 * One capability measured on the user's machine ({@code scriptgram bench NAME}). A bench returns its figures as one
 * flat, ordered map (name → number); the CLI prints them as a table and, with {@code --json FILE}, writes them as one
 * flat JSON object. Names carry their unit ({@code ige_encrypt_mb_s}, {@code rpc_p99_us}); a figure measured against a
 * reference in the same run is followed by the reference and their ratio ({@code ..._ratio}).
 */
public interface Bench {
    /** The name used on the command line, e.g. {@code tl}. */
    String name();

    /** One line saying what is measured. */
    String description();

    /** Runs the measurement; {@code quick} asks for a short run (smoke test, CI). */
    LinkedHashMap<String, Double> run(boolean quick) throws Exception;
}
