package io.scriptgram.scripttest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Ant's XMLJUnitResultFormatter writes it and Surefire and CI servers read it: {@code <testsuites>} with
 * one {@code <testsuite>} per test file, one {@code <testcase>} per test, a failed expectation as {@code <failure>} and
 * anything else that stopped a test as {@code <error>}, the script's log lines as the suite's {@code system-out}.
 */
public final class JUnitReport {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private JUnitReport() {}

    public static void write(Path file, TestRun.Summary summary) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            Map<String, List<TestResult>> byFile = new LinkedHashMap<>();
            for (TestFiles.TestFile f : summary.files()) byFile.put(f.label(), new ArrayList<>());
            for (TestResult r : summary.results())
                byFile.computeIfAbsent(r.file(), k -> new ArrayList<>()).add(r);
            int id = 0;
            String timestamp = LocalDateTime.now(ZoneOffset.UTC).format(TIMESTAMP);
            for (Map.Entry<String, List<TestResult>> e : byFile.entrySet())
                suite(w, id++, e.getKey(), e.getValue(), timestamp);
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void suite(XMLStreamWriter w, int id, String file, List<TestResult> results, String timestamp)
            throws XMLStreamException {
        long failures = results.stream()
                .filter(r -> r.outcome() == TestResult.Outcome.FAILED)
                .count();
        long errors = results.stream()
                .filter(r -> r.outcome() == TestResult.Outcome.ERROR)
                .count();
        long millis = results.stream().mapToLong(TestResult::millis).sum();
        w.writeCharacters("\n  ");
        w.writeStartElement("testsuite");
        w.writeAttribute("package", "scriptgram");
        w.writeAttribute("id", String.valueOf(id));
        w.writeAttribute("name", file);
        w.writeAttribute("timestamp", timestamp);
        w.writeAttribute("hostname", hostname());
        w.writeAttribute("tests", String.valueOf(results.size()));
        w.writeAttribute("failures", String.valueOf(failures));
        w.writeAttribute("errors", String.valueOf(errors));
        w.writeAttribute("time", seconds(millis));
        w.writeCharacters("\n    ");
        w.writeEmptyElement("properties");
        StringBuilder log = new StringBuilder();
        for (TestResult r : results) {
            w.writeCharacters("\n    ");
            w.writeStartElement("testcase");
            w.writeAttribute("name", r.name());
            w.writeAttribute("classname", file);
            w.writeAttribute("time", seconds(r.millis()));
            if (!r.passed()) {
                String what = r.outcome() == TestResult.Outcome.FAILED ? "failure" : "error";
                w.writeStartElement(what);
                w.writeAttribute("message", firstLine(r.message()));
                w.writeAttribute("type", r.outcome() == TestResult.Outcome.FAILED ? "ExpectationFailed" : "TestError");
                w.writeCharacters(r.message() + (r.location() == null ? "" : "\n  at " + r.location()));
                w.writeEndElement();
            }
            w.writeEndElement();
            if (!r.log().isEmpty()) {
                log.append("[").append(r.name()).append("]\n");
                for (String l : r.log()) log.append(l).append('\n');
            }
        }
        w.writeCharacters("\n    ");
        w.writeStartElement("system-out");
        w.writeCharacters(log.toString());
        w.writeEndElement();
        w.writeCharacters("\n    ");
        w.writeEmptyElement("system-err");
        w.writeCharacters("\n  ");
        w.writeEndElement();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String hostname() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h == null || h.isBlank() ? "localhost" : h;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
