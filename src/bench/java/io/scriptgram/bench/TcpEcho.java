package io.scriptgram.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;

/**
 * The floor under one request in flight: a raw TCP echo over the same loopback, blocking sockets with TCP_NODELAY, one
 * thread each side, a message the size of a small encrypted MTProto request. What an RPC costs above it is the
 * protocol's, the thread hand-offs' and the handler's.
 */
final class TcpEcho {
    /** About an encrypted help.getNearestDc with its transport header. */
    static final int MESSAGE = 96;

    private TcpEcho() {}

    /** Round-trip times (ns) of echoes one after another for {@code d} (after as long again of warm-up). */
    static long[] roundTrips(Duration d) throws IOException, InterruptedException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> serve(server), "bench-tcp-echo");
            echo.setDaemon(true);
            echo.start();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                s.setTcpNoDelay(true);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                byte[] msg = new byte[MESSAGE], back = new byte[MESSAGE];
                loop(out, in, msg, back, d, null); // warm-up
                long[] lat = new long[1 << 20];
                int n = loop(out, in, msg, back, d, lat);
                return Arrays.copyOf(lat, Math.min(n, lat.length));
            } finally {
                server.close();
                echo.join(5000);
            }
        }
    }

    private static int loop(OutputStream out, InputStream in, byte[] msg, byte[] back, Duration d, long[] lat)
            throws IOException {
        long end = System.nanoTime() + d.toNanos();
        int n = 0;
        for (long t0; (t0 = System.nanoTime()) < end; n++) {
            out.write(msg);
            out.flush();
            for (int got = 0; got < back.length; ) {
                int r = in.read(back, got, back.length - got);
                if (r < 0) throw new IOException("the echo closed the connection");
                got += r;
            }
            if (lat != null && n < lat.length) lat[n] = System.nanoTime() - t0;
        }
        return n;
    }

    private static void serve(ServerSocket server) {
        try (Socket c = server.accept()) {
            c.setTcpNoDelay(true);
            InputStream in = c.getInputStream();
            OutputStream out = c.getOutputStream();
            byte[] buf = new byte[MESSAGE];
            for (int r; (r = in.read(buf)) > 0; ) out.write(buf, 0, r);
        } catch (IOException e) {
            // the bench closed its side: done
        }
    }
}
