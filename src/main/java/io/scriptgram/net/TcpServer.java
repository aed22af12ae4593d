package io.scriptgram.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.scriptgram.transport.TransportOptions;
import io.scriptgram.transport.Transports;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Accepts MTProto connections on a local address; each connection's transport (any of them, obfuscated or not) is
 * detected from its first bytes. One listener per connection. Each connection is held to {@link ServerLimits}: read
 * deadlines, a frame size limit, and a number of connections per address, past which new ones are answered "transport
 * flood" (-429).
 */
public final class TcpServer implements AutoCloseable {
    private final Channel channel;
    /** Accepted connections, so that closing the server ends them too; closed ones leave by themselves. */
    private final ChannelGroup connections;

    private TcpServer(Channel channel, ChannelGroup connections) {
        this.channel = channel;
        this.connections = connections;
    }

    /** Binds with the default transport and server limits. */
    public static TcpServer bind(String host, int port, Supplier<FrameListener> perConnection) {
        return bind(host, port, TransportOptions.defaults(), ServerLimits.defaults(), perConnection);
    }

    /** Binds with the default transport options. */
    public static TcpServer bind(String host, int port, ServerLimits limits, Supplier<FrameListener> perConnection) {
        return bind(host, port, TransportOptions.defaults(), limits, perConnection);
    }

    /** Binds with the default server limits. */
    public static TcpServer bind(
            String host, int port, TransportOptions options, Supplier<FrameListener> perConnection) {
        return bind(host, port, options, ServerLimits.defaults(), perConnection);
    }

    /** Binds {@code host:port} (port 0 = any free one) and serves until closed. */
    public static TcpServer bind(
            String host,
            int port,
            TransportOptions options,
            ServerLimits limits,
            Supplier<FrameListener> perConnection) {
        TransportOptions received = options.withMaxReceive(Math.min(options.maxReceive(), limits.maxFrameBytes()));
        RefusalLog refusals = new RefusalLog();
        Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
        ChannelGroup connections =
                new DefaultChannelGroup("tcp-server " + host + ":" + port, ImmediateEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap()
                .group(NetLoop.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        InetAddress from = ch.remoteAddress().getAddress();
                        int open = perAddress.merge(from, 1, Integer::sum);
                        ch.closeFuture()
                                .addListener(f -> perAddress.computeIfPresent(from, (a, n) -> n <= 1 ? null : n - 1));
                        int max = limits.maxConnectionsPerAddress();
                        if (open > max) {
                            refusals.refused(
                                    address(ch),
                                    "too many connections from this address; answered -429",
                                    open + " open, the limit is " + max);
                            // Past twice the limit not even the opening is awaited: the socket closes at once.
                            if (open > 2 * max) ch.close();
                            else ch.pipeline().addLast(new RefusingHandler(Transports.detector(received), limits));
                            return;
                        }
                        ServerGuard guard = new ServerGuard(limits, refusals);
                        ch.pipeline()
                                .addLast(new TransportChannelHandler(
                                        Transports.detector(received), perConnection.get(), guard));
                    }
                });
        // awaitUninterruptibly, not sync: sync rethrows checked causes such as BindException undeclared.
        ChannelFuture bound = b.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new NetException(
                    "cannot listen on " + host + ":" + port + ": "
                            + bound.cause().getMessage(),
                    bound.cause());
        }
        return new TcpServer(bound.channel(), connections);
    }

    /** The peer's IP address, for logs and per-address limits. */
    static String address(Channel ch) {
        SocketAddress a = ch.remoteAddress();
        if (a instanceof InetSocketAddress i && i.getAddress() != null)
            return i.getAddress().getHostAddress();
        return String.valueOf(a);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String host() {
        return ((InetSocketAddress) channel.localAddress()).getHostString();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
