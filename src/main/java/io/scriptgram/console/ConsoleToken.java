package io.scriptgram.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The console's access token: 32 random bytes as hex, made at the first start and kept in the data folder, readable by
 * its owner only. Compared in constant time.
 */
public final class ConsoleToken {
    private final String value;
    private final boolean fresh;

    private ConsoleToken(String value, boolean fresh) {
        this.value = value;
        this.fresh = fresh;
    }

    /** Reads the token in {@code file}, or makes one and writes it there (0600) when there is none. */
    public static ConsoleToken loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String t = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (t.matches("[0-9a-f]{64}")) return new ConsoleToken(t, false);
            // a damaged file is replaced: the old token could not have worked anyway
        }
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String t = HexFormat.of().formatHex(raw);
        writePrivate(file, t + "\n");
        return new ConsoleToken(t, true);
    }

    /** Writes {@code text} to {@code file} so that no one but the owner can ever read it (created 0600, then moved). */
    static void writePrivate(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether this start made the token (then the ready URL is printed). */
    public boolean fresh() {
        return fresh;
    }

    /** Whether {@code given} is the token (constant time; null is not). */
    public boolean matches(String given) {
        if (given == null) return false;
        return MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), given.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** The token itself: for the printed URL only. */
    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "ConsoleToken[***]";
    }
}
