package io.scriptgram.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a plugin's .zip without trusting it. Every entry of the central directory is checked before anything is
 * written: no absolute paths, no {@code ..}, no backslashes, no links or special files, no duplicates, at most
 * {@link Limits#maxFiles} entries and {@link Limits#maxBytes} in all (as declared). While unpacking, each entry is
 * counted again and may not exceed its declared size, so a lying header stops as soon as it lies. Fields read from the
 * central directory follow the ZIP application note (PKWARE APPNOTE.TXT, section 4.3.12); the Unix file type sits in
 * the high 16 bits of the external attributes when "version made by" names Unix (3).
 */
final class SafeArchive {
    /** How many files and how many bytes in all an installed plugin may have (archive, folder or git checkout). */
    record Limits(int maxFiles, long maxBytes) {
        static final Limits DEFAULT = new Limits(2000, 64L << 20);
    }

    /** One entry: its checked relative name, whether it is a folder, its declared size. */
    record Item(String name, boolean folder, long size) {}

    private static final int EOCD = 0x06054b50, CENTRAL = 0x02014b50;

    private SafeArchive() {}

    /** Checks {@code zip} and unpacks it into the empty folder {@code into}; a refusal writes nothing. */
    static void extract(Path zip, Path folder, Limits limits) throws IOException {
        List<Item> items = check(zip, limits);
        Path into = folder.toAbsolutePath().normalize();
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            for (Item it : items) {
                Path target = into.resolve(it.name()).normalize();
                if (!target.startsWith(into)) throw refused(it.name(), "leaves the plugin's folder");
                if (it.folder()) {
                    Files.createDirectories(target);
                    continue;
                }
                ZipEntry e = z.getEntry(it.name());
                if (e == null) throw refused(it.name(), "is listed but cannot be read");
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e);
                        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    copyAtMost(in, out, it.size(), it.name());
                }
            }
        }
    }

    private static void copyAtMost(InputStream in, OutputStream out, long max, String name) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > max) throw refused(name, "unpacks to more than the " + max + " bytes it declares");
            out.write(buf, 0, n);
        }
    }

    /** The entries of {@code zip}, each checked; the first problem is an IOException naming the entry. */
    static List<Item> check(Path zip, Limits limits) throws IOException {
        long fileSize = Files.size(zip);
        if (fileSize > limits.maxBytes() + (1 << 20))
            throw new IOException(zip.getFileName() + ": " + fileSize + " bytes, more than a plugin may have ("
                    + limits.maxBytes() + ")");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        int end = findEnd(b);
        if (end < 0) throw new IOException(zip.getFileName() + ": not a zip archive (no end of central directory)");
        int count = b.getShort(end + 10) & 0xffff;
        long cdSize = b.getInt(end + 12) & 0xffffffffL, cdOffset = b.getInt(end + 16) & 0xffffffffL;
        if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL)
            throw new IOException(zip.getFileName() + ": ZIP64 archives are not accepted (a plugin is small)");
        if (count > limits.maxFiles())
            throw new IOException(zip.getFileName() + ": " + count + " entries, more than the " + limits.maxFiles()
                    + " a plugin may have");
        if (cdOffset + cdSize > end) throw new IOException(zip.getFileName() + ": a damaged central directory");
        List<Item> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        int at = (int) cdOffset;
        for (int i = 0; i < count; i++) {
            if (at + 46 > end || b.getInt(at) != CENTRAL)
                throw new IOException(zip.getFileName() + ": a damaged central directory (entry " + i + ")");
            int madeBy = b.getShort(at + 4) & 0xffff;
            int flags = b.getShort(at + 8) & 0xffff;
            long size = b.getInt(at + 24) & 0xffffffffL;
            int nameLen = b.getShort(at + 28) & 0xffff,
                    extraLen = b.getShort(at + 30) & 0xffff,
                    commentLen = b.getShort(at + 32) & 0xffff;
            long external = b.getInt(at + 38) & 0xffffffffL;
            if (at + 46 + nameLen > end) throw new IOException(zip.getFileName() + ": a damaged entry name");
            byte[] raw = new byte[nameLen];
            b.get(at + 46, raw);
            String name = new String(raw, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            at += 46 + nameLen + extraLen + commentLen;

            boolean folder = name.endsWith("/");
            checkName(name);
            if ((madeBy >> 8) == 3) { // Unix: the file type is in the high bits of the external attributes
                int type = (int) (external >>> 16) & 0xf000;
                if (type == 0xa000) throw refused(name, "is a symbolic link; a plugin's archive may not hold links");
                if (type != 0 && type != 0x8000 && type != 0x4000)
                    throw refused(name, "is a special file (a device, pipe or socket)");
                if (type == 0x4000) folder = true;
            }
            if (size == 0xffffffffL) throw refused(name, "declares a ZIP64 size");
            if (!seen.add(name.toLowerCase(Locale.ROOT).replaceAll("/$", ""))) throw refused(name, "appears twice");
            total += size;
            if (total > limits.maxBytes())
                throw new IOException(zip.getFileName() + ": unpacks to more than " + limits.maxBytes()
                        + " bytes (entry " + name + " alone declares " + size + "); refused as a possible zip bomb");
            out.add(new Item(folder ? name.substring(0, name.length() - 1) : name, folder, size));
        }
        return out;
    }

    /** A relative path of plain segments: no root, drive, backslash, empty, {@code .} or {@code ..} segment. */
    static void checkName(String name) throws IOException {
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty()) throw refused(name, "has an empty name");
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*"))
            throw refused(name, "is an absolute path; a plugin's files are relative to its folder");
        if (n.indexOf('\\') >= 0 || n.indexOf('\0') >= 0) throw refused(name, "has a backslash or NUL in its name");
        for (String seg : n.split("/", -1)) {
            if (seg.equals("..")) throw refused(name, "leaves the plugin's folder (..)");
            if (seg.isEmpty() || seg.equals(".")) throw refused(name, "has an empty or '.' path segment");
        }
        if (n.length() > 512) throw refused(name.substring(0, 60) + "...", "has a name longer than 512 characters");
    }

    private static IOException refused(String name, String why) {
        return new IOException("archive entry '" + name + "' " + why + "; nothing was installed");
    }

    private static int findEnd(ByteBuffer b) {
        int last = b.limit() - 22;
        for (int i = last; i >= Math.max(0, last - 65535); i--) {
            if (b.getInt(i) == EOCD && i + 22 + (b.getShort(i + 20) & 0xffff) == b.limit()) return i;
        }
        return -1;
    }
}
