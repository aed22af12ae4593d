package io.scriptgram.net;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.transport.TransportKind;
import io.scriptgram.transport.TransportOptions;
import io.scriptgram.transport.Transports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Connections over IPv6 loopback ([::1]): a DC address from dc_options with the ipv6 flag looks like this. */
class Ipv6Test {
    static boolean hasIpv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void framesCrossAnIpv6Connection() throws Exception {
        Assumptions.assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback (::1); skipped");
        TransportOptions opts = TransportOptions.defaults();
        try (TcpServer server = TcpServer.bind("::1", 0, opts, () -> (ch, payload, quickAck) -> ch.send(payload))) {
            LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            FrameChannel ch = TcpClient.connect(
                            "::1",
                            server.port(),
                            Transports.obfuscatedClient(TransportKind.INTERMEDIATE, 2, opts),
                            null,
                            5000,
                            (c, payload, qa) -> got.add(payload))
                    .get(10, TimeUnit.SECONDS);
            byte[] p = new byte[64];
            p[0] = 1;
            ch.send(p);
            assertArrayEquals(p, got.poll(10, TimeUnit.SECONDS));
            assertTrue(ch.remote().contains(":1") || ch.remote().contains("0:0:0:0:0:0:0:1"), ch.remote());
            ch.close();
        }
    }
}
