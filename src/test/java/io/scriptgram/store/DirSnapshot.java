package io.scriptgram.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file of a directory with its length and SHA-256, to prove an operation wrote and created nothing. */
record DirSnapshot(Map<String, String> files) {
    static DirSnapshot of(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                byte[] b = Files.readAllBytes(p);
                files.put(
                        p.getFileName().toString(),
                        b.length + " bytes, sha256 " + HexFormat.of().formatHex(sha256(b)));
            }
        }
        return new DirSnapshot(files);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
