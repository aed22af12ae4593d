package io.scriptgram.console;

import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code scriptgram docs --out DIR}: the console's reference pages as a static site (open index.html, no server). */
public final class DocsSite {
    private DocsSite() {}

    /** Writes every page into {@code dir}; returns how many pages. */
    public static int write(TlSchema schema, Path dir) throws IOException {
        Files.createDirectories(dir);
        ApiReference ref = new ApiReference(schema);
        ReferencePages pages = new ReferencePages(ref, false);
        int n = 0;
        for (TlConstructor c : schema.all()) {
            Files.writeString(dir.resolve(c.name() + ".html"), pages.page(c.name(), null), StandardCharsets.UTF_8);
            n++;
        }
        for (String t : ref.typeNames()) {
            if (schema.byName(t) != null) continue; // a constructor of that exact name has the page
            Files.writeString(dir.resolve(t + ".html"), pages.page(t, null), StandardCharsets.UTF_8);
            n++;
        }
        Files.writeString(dir.resolve("index.html"), pages.index(null, null), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("names.json"), pages.namesJson(), StandardCharsets.UTF_8);
        for (String asset : new String[] {"console.css", "console.js"}) Files.write(dir.resolve(asset), asset(asset));
        return n + 1;
    }

    /** A file of the console's own (CSS, JS) from the class path. */
    static byte[] asset(String name) throws IOException {
        try (InputStream in = DocsSite.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing console asset " + name);
            return in.readAllBytes();
        }
    }
}
