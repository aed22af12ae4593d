package io.scriptgram.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.scriptgram.mtproto.AuthKeyExchangeClient;
import io.scriptgram.mtproto.KeyExchangeStep;
import io.scriptgram.mtproto.MsgId;
import io.scriptgram.mtproto.PlainMessage;
import io.scriptgram.net.ServerLimits;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that encrypts p_q_inner_data the older way (SHA-1 digest + data + padding to 255 bytes, raw RSA, as Telethon
 * does) gets an auth key from the sandbox over TCP, through the intermediate transport written here by hand.
 */
class OlderRsaOverTcpTest {
    @Test
    void theOlderRsaFormGetsAKeyOverTcp() throws Exception {
        World world = SandboxOverTcp.world();
        try (SandboxServer server =
                        SandboxOverTcp.start(world, Handlers.standard(world, new Faults()), ServerLimits.defaults());
                Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port(1)), 10_000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee}); // intermediate
            TlCodec codec = new TlCodec(SandboxHarness.SCHEMA);
            MsgId ids = new MsgId(System::currentTimeMillis);
            AuthKeyExchangeClient client = new AuthKeyExchangeClient(
                            List.of(server.publicKey()), 1, new SecureRandom(), InstantSource.system())
                    .withSha1Rsa();
            TlObject request = client.start();
            KeyExchangeStep step = null;
            for (int i = 0; i < 5 && !(step instanceof KeyExchangeStep.Done); i++) {
                send(out, new PlainMessage(ids.next(MsgId.Kind.CLIENT), TlCodec.encode(request)).encode());
                step = client.receive(
                        codec.decode(PlainMessage.decode(receive(in)).body()));
                if (step instanceof KeyExchangeStep.Send next) request = next.request();
            }
            assertInstanceOf(KeyExchangeStep.Done.class, step);
            assertEquals(1, server.authKeyCount(1));
        }
    }

    private static void send(OutputStream out, byte[] packet) throws IOException {
        out.write(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(packet.length)
                .array());
        out.write(packet);
        out.flush();
    }

    private static byte[] receive(DataInputStream in) throws IOException {
        byte[] len = in.readNBytes(4);
        int n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (n < 0 || n > 1 << 20) throw new IOException("the server sent a frame of " + n + " bytes");
        return in.readNBytes(n);
    }
}
