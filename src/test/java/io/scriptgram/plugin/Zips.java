package io.scriptgram.plugin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test archives: plain ones, one with a symbolic link entry, and a zip bomb. */
final class Zips {
    private Zips() {}

    static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * {@code files} with entry {@code link} marked, as Info-ZIP does for a symbolic link, as made on Unix (version made
     * by 3) with file type 0120000 in the high half of its external attributes; its content is the link's target.
     */
    static byte[] withLink(Map<String, String> files, String link) throws IOException {
        byte[] z = zip(files);
        ByteBuffer b = ByteBuffer.wrap(z).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = link.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < z.length; i++) {
            if (b.getInt(i) != 0x02014b50) continue;
            int nameLen = b.getShort(i + 28) & 0xffff;
            if (nameLen != name.length || !new String(z, i + 46, nameLen, StandardCharsets.UTF_8).equals(link))
                continue;
            b.putShort(i + 4, (short) ((3 << 8) | 20));
            b.putInt(i + 38, 0120777 << 16);
            return z;
        }
        throw new IllegalStateException("no entry " + link);
    }

    /**
     * A real zip bomb: {@code plugin.yml}, then one entry that inflates to {@code size} zero bytes from about a
     * thousandth of that. The deflate stream is one compressed megabyte of zeros ended by a full flush (which resets
     * the compressor, so every repetition compresses to the same bytes) repeated, then an empty final block.
     */
    static byte[] bomb(long size) throws IOException {
        return bomb(size, size);
    }

    /** A bomb whose headers declare {@code declared} bytes for the zeros (a lie when less than {@code size}). */
    static byte[] bomb(long size, long declared) throws IOException {
        int mb = 1 << 20;
        if (size % mb != 0) throw new IllegalArgumentException("whole megabytes");
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] zeros = new byte[mb];
        d.setInput(zeros);
        byte[] buf = new byte[64 * 1024];
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
            one.write(buf, 0, n);
        } while (n == buf.length || !d.needsInput());
        d.finish();
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        while (!d.finished()) {
            n = d.deflate(buf);
            tail.write(buf, 0, n);
        }
        d.end();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] block = one.toByteArray();
        CRC32 crc = new CRC32();
        for (long i = 0; i < size / mb; i++) {
            data.write(block);
            crc.update(zeros);
        }
        data.write(tail.toByteArray());
        byte[] deflated = data.toByteArray();

        byte[] yml = "name: bomb\n".getBytes(StandardCharsets.UTF_8);
        CRC32 ymlCrc = new CRC32();
        ymlCrc.update(yml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        int count = 0;
        for (Object[] e : new Object[][] {
            {"plugin.yml", 0, yml, ymlCrc.getValue(), (long) yml.length},
            {"zeros.bin", 8, deflated, crc.getValue(), declared}
        }) {
            byte[] name = ((String) e[0]).getBytes(StandardCharsets.UTF_8);
            int method = (Integer) e[1];
            byte[] body = (byte[]) e[2];
            long crcValue = (Long) e[3], plain = (Long) e[4];
            int offset = out.size();
            ByteBuffer local = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) method);
            local.putInt(0).putInt((int) crcValue).putInt(body.length).putInt((int) plain);
            local.putShort((short) name.length).putShort((short) 0);
            out.write(local.array());
            out.write(name);
            out.write(body);
            ByteBuffer c = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
            c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0);
            c.putShort((short) method)
                    .putInt(0)
                    .putInt((int) crcValue)
                    .putInt(body.length)
                    .putInt((int) plain);
            c.putShort((short) name.length)
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putShort((short) 0);
            c.putShort((short) 0).putInt(0).putInt(offset);
            central.write(c.array());
            central.write(name);
            count++;
        }
        int cdOffset = out.size();
        byte[] cd = central.toByteArray();
        out.write(cd);
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) count)
                .putShort((short) count);
        end.putInt(cd.length).putInt(cdOffset).putShort((short) 0);
        out.write(end.array());
        return out.toByteArray();
    }
}
