package io.scriptgram.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file of a directory with its bytes (as hex-free fingerprints) to prove nothing was written. */
record DirSnapshot(Map<String, String> files) {
    static DirSnapshot of(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                byte[] b = Files.readAllBytes(p);
                files.put(p.getFileName().toString(), b.length + " bytes, hash " + Arrays.hashCode(b) + ", " + java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(b)));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return new DirSnapshot(files);
    }
}
