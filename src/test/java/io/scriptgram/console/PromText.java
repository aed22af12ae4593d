package io.scriptgram.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (the format's published grammar: HELP and TYPE
 * comments, samples {@code name{label="value",...} value [timestamp]}, label values escaped with \\, \" and \n), for
 * tests: any line that does not follow the format fails the parse.
 */
final class PromText {
    record Sample(String name, Map<String, String> labels, double value) {}

    record Family(String name, String type, String help, List<Sample> samples) {}

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");

    private PromText() {}

    static Map<String, Family> parse(String text) {
        Map<String, Family> out = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + ": " + line;
            if (line.isEmpty()) continue;
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && parts[1].equals("HELP")) {
                    require(NAME.matcher(parts[2]).matches(), where);
                    help.put(parts[2], parts.length > 3 ? parts[3] : "");
                } else if (parts.length >= 3 && parts[1].equals("TYPE")) {
                    require(parts.length == 4 && NAME.matcher(parts[2]).matches() && TYPES.contains(parts[3]), where);
                    require(!out.containsKey(parts[2]), "a second TYPE for the family: " + where);
                    out.put(parts[2], new Family(parts[2], parts[3], help.get(parts[2]), new ArrayList<>()));
                }
                continue;
            }
            Sample s = sample(line, where);
            Family fam = familyOf(out, s.name());
            require(fam != null, "a sample before its family's TYPE: " + where);
            fam.samples().add(s);
        }
        return out;
    }

    private static Family familyOf(Map<String, Family> families, String sampleName) {
        if (families.containsKey(sampleName)) return families.get(sampleName);
        for (String suffix : List.of("_total", "_count", "_sum", "_bucket", "_created")) {
            if (sampleName.endsWith(suffix)) {
                Family f = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (f != null) return f;
            }
        }
        return null;
    }

    private static Sample sample(String line, String where) {
        Matcher m = NAME.matcher(line);
        require(m.lookingAt(), where);
        String name = m.group();
        int at = m.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                Matcher ln = LABEL_NAME.matcher(line).region(at, line.length());
                require(ln.lookingAt(), where);
                at = ln.end();
                require(line.startsWith("=\"", at), where);
                at += 2;
                StringBuilder v = new StringBuilder();
                while (true) {
                    require(at < line.length(), "unterminated label value: " + where);
                    char c = line.charAt(at++);
                    if (c == '"') break;
                    if (c == '\\') {
                        char e = line.charAt(at++);
                        require(e == '\\' || e == '"' || e == 'n', "bad escape: " + where);
                        v.append(e == 'n' ? '\n' : e);
                    } else v.append(c);
                }
                require(labels.put(ln.group(), v.toString()) == null, "repeated label: " + where);
                if (line.charAt(at) == ',') at++;
            }
            at++;
        }
        require(at < line.length() && line.charAt(at) == ' ', where);
        String[] rest = line.substring(at + 1).split(" ");
        require(rest.length == 1 || rest.length == 2, where);
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        if (rest.length == 2) Long.parseLong(rest[1]);
        return new Sample(name, labels, value);
    }

    private static void require(boolean ok, String what) {
        if (!ok) throw new IllegalArgumentException("not Prometheus text format: " + what);
    }

    /** The sum of {@code family}'s samples named {@code sampleName} whose labels include {@code labels}. */
    static double sum(Map<String, Family> families, String family, String sampleName, Map<String, String> labels) {
        Family f = families.get(family);
        if (f == null) return 0;
        double sum = 0;
        for (Sample s : f.samples())
            if (s.name().equals(sampleName) && s.labels().entrySet().containsAll(labels.entrySet())) sum += s.value();
        return sum;
    }
}
