package io.scriptgram.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scriptgram.transport.Frame;
import io.scriptgram.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A hand-driven client socket for tests that play a misbehaving peer against a server on 127.0.0.1. */
public final class RawPeer {
    /** Long enough for a test to see a close, short of the test framework's patience. */
    public static final int PATIENCE_MS = 20_000;

    private RawPeer() {}

    /**
     * A socket to {@code 127.0.0.1:port} from {@code localAddress}: on Linux every 127.x.y.z is this machine, so tests
     * can play several client addresses.
     */
    public static Socket socketFrom(String localAddress, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(localAddress, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(PATIENCE_MS);
        return s;
    }

    /** Reads until the server closes; returns what it sent. Fails if it is still open after {@link #PATIENCE_MS}. */
    public static byte[] readUntilClosed(Socket s, String what) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) != -1; ) got.write(b);
        } catch (SocketTimeoutException e) {
            fail(what + ": the server kept the connection open for " + PATIENCE_MS + " ms");
        } catch (SocketException reset) {
            // a reset is a close too
        }
        return got.toByteArray();
    }

    /** What the server sent before closing, decoded by the client codec {@code t}: exactly one transport error. */
    public static int transportErrorThenClose(Socket s, Transport t, String what) throws IOException {
        byte[] sent = readUntilClosed(s, what);
        t.feed(sent);
        Frame f = t.next();
        assertNotNull(f, what + ": no frame before the close (" + sent.length + " bytes)");
        assertEquals(null, t.next(), what + ": nothing after the error");
        assertTrue(f instanceof Frame.TransportError, what + ": " + f);
        return ((Frame.TransportError) f).code();
    }
}
