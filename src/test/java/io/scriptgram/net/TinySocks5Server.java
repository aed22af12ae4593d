package io.scriptgram.net;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SOCKS5 server (RFC 1928 CONNECT, RFC 1929 user/password) on 127.0.0.1 for tests. Every destination,
 * whatever its address or name, is relayed to {@code 127.0.0.1:targetPort}, so no test traffic can leave the machine.
 * Records what each client asked for.
 */
final class TinySocks5Server implements AutoCloseable {
    /** One CONNECT request as received: address type (1 IPv4, 3 name, 4 IPv6), host as text, port. */
    record Request(int addressType, String host, int port, int authMethod, String user) {}

    private final ServerSocket server;
    private final int targetPort;
    private final String user;
    private final String password;
    /** SOCKS5 reply code to answer CONNECT with; 0 = succeeded, 5 = connection refused. */
    private final int replyCode;

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<String> refusals = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TinySocks5Server(int targetPort, String user, String password, int replyCode) throws IOException {
        this.targetPort = targetPort;
        this.user = user;
        this.password = password;
        this.replyCode = replyCode;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("socks5-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        boolean relaying = false;
        try {
            client.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) throw new IOException("not SOCKS5");
            byte[] methods = new byte[in.readUnsignedByte()];
            in.readFully(methods);
            int wanted = user == null ? 0 : 2;
            boolean offered = false;
            for (byte m : methods) offered |= m == wanted;
            if (!offered) {
                out.write(new byte[] {5, (byte) 0xff});
                refusals.add("method " + wanted + " not offered");
                return;
            }
            out.write(new byte[] {5, (byte) wanted});
            String gotUser = null;
            if (wanted == 2) {
                if (in.readUnsignedByte() != 1) throw new IOException("bad auth version");
                byte[] u = new byte[in.readUnsignedByte()];
                in.readFully(u);
                byte[] p = new byte[in.readUnsignedByte()];
                in.readFully(p);
                gotUser = new String(u, StandardCharsets.UTF_8);
                boolean ok = gotUser.equals(user) && new String(p, StandardCharsets.UTF_8).equals(password);
                out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
                if (!ok) {
                    refusals.add("bad credentials for " + gotUser);
                    return;
                }
            }
            if (in.readUnsignedByte() != 5 || in.readUnsignedByte() != 1 || in.readUnsignedByte() != 0)
                throw new IOException("not a CONNECT");
            int atyp = in.readUnsignedByte();
            String host = switch (atyp) {
                case 1 -> {
                    byte[] a = new byte[4];
                    in.readFully(a);
                    yield InetAddress.getByAddress(a).getHostAddress();
                }
                case 3 -> {
                    byte[] name = new byte[in.readUnsignedByte()];
                    in.readFully(name);
                    yield new String(name, StandardCharsets.US_ASCII);
                }
                case 4 -> {
                    byte[] a = new byte[16];
                    in.readFully(a);
                    yield InetAddress.getByAddress(a).getHostAddress();
                }
                default -> throw new IOException("address type " + atyp);
            };
            int port = in.readUnsignedShort();
            requests.add(new Request(atyp, host, port, wanted, gotUser));
            if (replyCode != 0) {
                out.write(new byte[] {5, (byte) replyCode, 0, 1, 0, 0, 0, 0, 0, 0});
                return;
            }
            Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(target);
            out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
            out.flush();
            client.setSoTimeout(0);
            relaying = true;
            InputStream fromTarget = target.getInputStream();
            OutputStream toTarget = target.getOutputStream();
            Thread.ofVirtual().start(() -> pipe(fromTarget, out, client, target));
            pipe(in, toTarget, client, target);
        } catch (IOException e) {
            // the test's client went away or spoke nonsense; the assertions look at requests/refusals
        } finally {
            if (!relaying) closeQuietly(client);
        }
    }

    /**
     * Copies {@code from} to {@code to} until either side closes, then closes both sockets (the test proxies' relay).
     */
    static void pipe(InputStream from, OutputStream to, Socket a, Socket b) {
        byte[] buf = new byte[64 * 1024];
        try {
            for (int n; (n = from.read(buf)) >= 0; ) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException ignored) {
            // one side closed
        } finally {
            closeQuietly(a);
            closeQuietly(b);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) closeQuietly(s);
    }
}
