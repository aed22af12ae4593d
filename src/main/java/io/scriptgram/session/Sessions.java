package io.scriptgram.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a session in whichever supported format it is, and writes one in a chosen string format. */
public final class Sessions {
    /**
     * Tried in this order; the first that accepts a string wins. GramJS comes before Telethon: both start with '1', and
     * a GramJS string with a 14-character address has the size of a Telethon IPv6 one, while GramJS's own length field
     * is a check that a Telethon string practically never passes.
     */
    private static final List<SessionCodec> STRINGS = List.of(
            new OurSessionString(), new GramJsString(), new TelethonString(), new PyrogramString(), new MtcuteString());

    private static final int MAX_TEXT = 64 * 1024;

    private Sessions() {}

    /**
     * The session in a string of any supported format. When none matches, the error says why for each format, and never
     * repeats the string.
     */
    public static PortableSession parse(String text) {
        if (text == null || text.isBlank()) throw new SessionFormatException("the session string is empty");
        String s = text.strip();
        if (s.length() > MAX_TEXT) throw new SessionFormatException("the session string is longer than 64 KB");
        List<String> why = new ArrayList<>();
        for (SessionCodec c : STRINGS) {
            try {
                return c.read(s);
            } catch (SessionFormatException e) {
                why.add(c.format().label() + ": " + e.getMessage());
            }
        }
        throw new SessionFormatException("no known session format matched (" + String.join("; ", why) + ")");
    }

    /** A session file: a Telethon or Pyrogram {@code .session} SQLite file, or a text file holding a string. */
    public static PortableSession read(Path file) {
        if (!Files.isRegularFile(file)) throw new SessionFormatException(file + " is not a file");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(16);
            if (SessionFiles.isSqlite(head)) return SessionFiles.read(file);
            if (Files.size(file) > MAX_TEXT)
                throw new SessionFormatException(file.getFileName() + " is neither SQLite nor a session string");
        } catch (IOException e) {
            throw new SessionFormatException(file + " could not be read: " + e.getMessage(), e);
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SessionFormatException(file + " is neither SQLite nor text: " + e.getMessage(), e);
        }
    }

    /** The session as a string of {@code format} (OURS, TELETHON, PYROGRAM, GRAMJS or MTCUTE). */
    public static String write(PortableSession session, SessionFormat format) {
        for (SessionCodec c : STRINGS) if (c.format() == format) return c.write(session.as(format));
        throw new SessionFormatException(format.label() + " has no string form to export");
    }

    /** The Pyrogram layout a string used ("2.x", "1.x 64-bit", "1.x", "0.x"), for the import message. */
    public static String pyrogramVersion(String text) {
        return switch (PyrogramString.layoutOf(text)) {
            case V2 -> "2.x";
            case V1_64 -> "1.x, 64-bit user ids";
            case V1 -> "1.x";
            case V0 -> "0.x";
        };
    }
}
