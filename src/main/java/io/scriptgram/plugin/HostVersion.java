package io.scriptgram.plugin;

import java.util.ArrayList;
import java.util.List;

/**
 * This host's version, and the ranges plugins may require of it ({@code requires: {scriptgram: ">=0.1, <2"}}): one or
 * more comparisons ({@code >=}, {@code >}, {@code <=}, {@code <}, {@code =}, {@code ==}, or a bare version meaning
 * {@code >=}), separated by commas or spaces, all of which must hold. Versions compare number by number; a missing
 * number is 0.
 */
public final class HostVersion {
    /** Keep in step with the CLI's {@code --version} (cli.Main). */
    public static final String CURRENT = "0.1.0";

    private HostVersion() {}

    public static boolean satisfies(String range) {
        return satisfies(range, CURRENT);
    }

    static boolean satisfies(String range, String version) {
        String r = range.trim();
        if (r.isEmpty()) throw new IllegalArgumentException(bad(range));
        List<String> parts = new ArrayList<>();
        for (String p : r.split("[,\\s]+(?=[<>=\\d])")) if (!p.isBlank()) parts.add(p.replace(" ", ""));
        for (String p : parts) {
            String op = p.replaceAll("^([<>=]*).*", "$1");
            String v = p.substring(op.length());
            if (!v.matches("\\d+(\\.\\d+){0,3}")) throw new IllegalArgumentException(bad(range));
            int c = compare(version, v);
            boolean ok = switch (op) {
                case "", ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case "<" -> c < 0;
                case "=", "==" -> c == 0;
                default -> throw new IllegalArgumentException(bad(range));
            };
            if (!ok) return false;
        }
        return true;
    }

    private static String bad(String range) {
        return "'" + range + "' is not a version range: expected comparisons such as \">=0.1\" or \">=0.1, <2\"";
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0, q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) return Integer.compare(p, q);
        }
        return 0;
    }
}
