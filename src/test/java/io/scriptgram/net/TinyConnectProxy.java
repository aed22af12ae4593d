package io.scriptgram.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP CONNECT proxy: reads the request head, checks Basic credentials when it has some, answers 200 (or 407)
 * and relays to {@code 127.0.0.1:targetPort} whatever the request named, so nothing leaves the machine.
 */
public final class TinyConnectProxy implements AutoCloseable {
    final ServerSocket server;
    final int targetPort;
    final String credentials;
    public final List<String> requestLines = new CopyOnWriteArrayList<>();
    final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public TinyConnectProxy(int targetPort, String user, String password) throws IOException {
        this.targetPort = targetPort;
        this.credentials = user == null
                ? null
                : Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve(Socket client) {
        try {
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            requestLines.add(lines[0]);
            boolean authorized = credentials == null;
            for (String l : lines) {
                if (l.toLowerCase().startsWith("proxy-authorization: basic "))
                    authorized |= l.substring("proxy-authorization: basic ".length())
                            .trim()
                            .equals(credentials);
            }
            if (!lines[0].startsWith("CONNECT ")) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.close();
                return;
            }
            if (!authorized) {
                out.write("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n"
                        .concat("Content-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                client.close();
                return;
            }
            Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(target);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            client.setSoTimeout(0);
            Thread.ofVirtual().start(() -> TinySocks5Server.pipe(uncheckedStream(target), out, client, target));
            TinySocks5Server.pipe(in, target.getOutputStream(), client, target);
        } catch (IOException e) {
            // the client went away; assertions look at requestLines
        }
    }

    private static InputStream uncheckedStream(Socket s) {
        try {
            return s.getInputStream();
        } catch (IOException e) {
            return InputStream.nullInputStream();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int c; (c = in.read()) >= 0; ) {
            b.write(c);
            matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
            if (matched == 4) break;
            if (b.size() > 8192) throw new IOException("head too long");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
    }
}
