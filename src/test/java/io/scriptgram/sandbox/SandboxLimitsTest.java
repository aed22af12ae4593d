package io.scriptgram.sandbox;

import static io.scriptgram.net.RawPeer.readUntilClosed;
import static io.scriptgram.net.RawPeer.socketFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.client.RpcClient;
import io.scriptgram.net.ServerLimits;
import io.scriptgram.tl.TlObject;
import io.scriptgram.transport.Frame;
import io.scriptgram.transport.Transport;
import io.scriptgram.transport.TransportKind;
import io.scriptgram.transport.TransportOptions;
import io.scriptgram.transport.Transports;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The issue's attack on a running sandbox: 30 connections declaring 15 MB frames, frames begun and left unfinished,
 * silent sockets. Each is refused or closed, while a logged-in client that sits idle through all of it keeps its
 * connection and is served.
 */
class SandboxLimitsTest {
    @Test
    void floodsOfHugeAndUnfinishedFramesAreShedWhileAnIdleClientKeepsItsConnection() throws Exception {
        World world = SandboxOverTcp.world();
        ServerLimits limits = ServerLimits.defaults()
                .withFrameTimeout(Duration.ofSeconds(1))
                .withFirstByteTimeout(Duration.ofSeconds(1))
                .withMaxConnectionsPerAddress(8);
        try (SandboxServer server = SandboxOverTcp.start(world, Handlers.standard(world, new Faults()), limits);
                RpcClient client = SandboxOverTcp.client(server)) {
            assertEquals("config", config(client).name());
            assertEquals(1, server.openConnections());
            int port = server.port(1);

            // 30 connections from one address, each declaring a 15 MB frame (under the transport's 16 MiB).
            List<Socket> huge = new ArrayList<>();
            byte[] declare15MB = {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee, 0, 0, (byte) 0xf0, 0};
            for (int i = 0; i < 30; i++) {
                Socket s = socketFrom("127.0.0.2", port);
                try {
                    s.getOutputStream().write(declare15MB);
                } catch (SocketException closedAtOnce) {
                    // past twice the per-address limit a socket is closed before it can write
                }
                huge.add(s);
            }
            // Frames begun and never finished, and sockets that never speak, from another address.
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Socket s = socketFrom("127.0.0.3", port);
                Transport t = Transports.client(TransportKind.INTERMEDIATE, TransportOptions.defaults());
                byte[] start = t.start();
                byte[] frame = t.encode(new byte[24 + 16 * 4096]);
                s.getOutputStream().write(start);
                s.getOutputStream().write(frame, 0, frame.length / 2);
                stalled.add(s);
                stalled.add(socketFrom("127.0.0.3", port));
            }

            int refused = 0;
            for (int i = 0; i < huge.size(); i++) {
                try (Socket s = huge.get(i)) {
                    byte[] sent = readUntilClosed(s, "15 MB frame #" + i);
                    if (sent.length == 0) continue; // closed unread, past twice the limit
                    Transport t = Transports.client(TransportKind.INTERMEDIATE, TransportOptions.defaults());
                    t.start();
                    t.feed(sent);
                    assertEquals(new Frame.TransportError(-429), t.next(), "15 MB frame #" + i);
                    refused++;
                }
            }
            assertTrue(refused >= 8, "answered -429: " + refused + " of 30");
            for (int i = 0; i < stalled.size(); i++) {
                try (Socket s = stalled.get(i)) {
                    assertEquals(0, readUntilClosed(s, "stalled #" + i).length);
                }
            }

            // The client sat idle past both timeouts: same connection, still served.
            assertEquals(1, server.openConnections(), "the idle client is connected");
            assertEquals("config", config(client).name());
        }
    }

    private static TlObject config(RpcClient client) throws Exception {
        return (TlObject) client.invoke("help.getConfig", Map.of()).get(20, TimeUnit.SECONDS);
    }
}
