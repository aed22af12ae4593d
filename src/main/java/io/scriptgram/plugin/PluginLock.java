package io.scriptgram.plugin;

import io.scriptgram.config.ConfigException;
import io.scriptgram.config.YamlFile;
import io.scriptgram.config.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code plugins.lock}, beside the plugins folder: what {@code plugin add} and {@code plugin update} installed, so an
 * update knows where to look and anyone can check what runs. Per plugin: the source, the ref asked for, the commit
 * (git), the SHA-256 of the installed files ({@link PluginFiles#digest}) and of the archive (zip), the version, when,
 * and the permissions and network hosts that were granted.
 */
final class PluginLock {
    record Entry(
            String name,
            String source,
            String ref,
            String commit,
            String sha256,
            String archiveSha256,
            String version,
            String installed,
            List<String> permissions,
            List<String> network) {}

    private PluginLock() {}

    static Path file(Path pluginsDir) {
        return pluginsDir.toAbsolutePath().normalize().resolveSibling("plugins.lock");
    }

    static Map<String, Entry> read(Path file) {
        String text;
        try {
            text = YamlFile.read(file, file.getFileName().toString());
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        YamlNode root = YamlFile.parse(text, file.getFileName().toString());
        Map<String, Entry> out = new TreeMap<>();
        for (String name : root.keys()) {
            YamlNode n = root.child(name);
            out.put(
                    name,
                    new Entry(
                            name,
                            n.string("source", null),
                            n.string("ref", null),
                            n.string("commit", null),
                            n.string("sha256", null),
                            n.string("archive_sha256", null),
                            n.string("version", "0"),
                            n.string("installed", null),
                            n.strings("permissions", List.of()),
                            n.strings("network", List.of())));
        }
        root.rejectUnknown();
        return out;
    }

    static void write(Path file, Map<String, Entry> entries) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (Entry e : new TreeMap<>(entries).values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", e.source());
            if (e.ref() != null) m.put("ref", e.ref());
            if (e.commit() != null) m.put("commit", e.commit());
            m.put("sha256", e.sha256());
            if (e.archiveSha256() != null) m.put("archive_sha256", e.archiveSha256());
            m.put("version", e.version());
            m.put("installed", e.installed());
            m.put("permissions", e.permissions());
            m.put("network", e.network());
            doc.put(e.name(), m);
        }
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String text = "# Written by scriptgram plugin add/update/remove: what is installed, from where, and its"
                + " SHA-256.\n" + (doc.isEmpty() ? "" : new Yaml(o).dump(doc));
        PluginFiles.writePrivate(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
