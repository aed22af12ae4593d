package io.scriptgram.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/** config.yml and plugin.yml as text and as a {@link YamlNode} tree whose errors carry file and line. */
public final class YamlFile {
    private YamlFile() {}

    /**
     * The file's text. Bytes that are not UTF-8 (a binary file, another encoding) are a {@link ConfigException} naming
     * {@code name} and the line; other failures are the IOException.
     */
    public static String read(Path file, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) r = decoder.flush(out);
        if (r.isError()) {
            int at = in.position(), line = 1;
            for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
            throw new ConfigException(name + ": line " + line + ": not UTF-8 text (byte " + at
                    + " cannot be read as UTF-8; is it a binary file?)");
        }
        return out.flip().toString();
    }

    /**
     * Parses YAML text whose top level must be a mapping; {@code name} is the file as the user knows it. Duplicate keys
     * and alias bombs are refused.
     */
    public static YamlNode parse(String text, String name) {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        opts.setMaxAliasesForCollections(20);
        Values constructor = new Values(opts);
        Node root;
        Object value;
        try {
            DumperOptions unused = new DumperOptions();
            root = new Yaml(constructor, new Representer(unused), unused, opts).compose(new StringReader(text));
            value = root == null ? null : constructor.value(root);
        } catch (MarkedYAMLException e) {
            // The parser notices at the problem mark (often the end of the file); the context says where
            // the construct began.
            boolean elsewhere = e.getContext() != null
                    && e.getContextMark() != null
                    && e.getContextMark().getLine() != e.getProblemMark().getLine();
            String context = elsewhere
                    ? " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ")"
                    : "";
            throw new ConfigException(name + ": line " + (e.getProblemMark().getLine() + 1) + ", column "
                    + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem() + context);
        } catch (YAMLException e) {
            throw new ConfigException(name + ": not valid YAML: " + e.getMessage());
        }
        if (value != null && !(value instanceof Map)) {
            throw new ConfigException(name + ": expected key: value lines at the top level");
        }
        return new YamlNode(name, "", (Map<?, ?>) value, root);
    }

    /** SafeConstructor applied to an already composed node (so the node keeps its marks for us). */
    private static final class Values extends SafeConstructor {
        Values(LoaderOptions opts) {
            super(opts);
        }

        Object value(Node node) {
            return constructObject(node);
        }
    }
}
