package io.scriptgram.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 that a test can cut, as a network fails: {@link #reset()} drops every connection with a
 * reset and refuses new ones; {@link #silence()} keeps connections open (and accepts new ones) but forwards nothing
 * either way, as a network that loses packets without a word does.
 */
public final class CutProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean silent;
    private volatile boolean reset;

    public CutProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("cut-proxy-accept").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, bytes are dropped both ways; connections stay open. */
    public void silence() {
        silent = true;
    }

    /** Resets every connection (RST, not FIN) and refuses new ones. */
    public void reset() throws IOException {
        reset = true;
        server.close(); // new connections are refused by the kernel
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0); // close with a reset
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                if (reset) {
                    in.close();
                    continue;
                }
                sockets.add(in);
                if (silent) continue; // accepted, and never answered
                Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(out);
                Thread.ofVirtual().start(() -> pump(in, out));
                Thread.ofVirtual().start(() -> pump(out, in));
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (silent) continue; // dropped on the floor
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side closed or was reset
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
    }
}
