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
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Accepts MTProto connections on a local address; each connection's transport (any of them,
 * obfuscated or not) is detected from its first bytes. One listener per connection.
 */
public final class TcpServer implements AutoCloseable {
    private final Channel channel;
    /** Accepted connections, so that closing the server ends them too; closed ones leave by themselves. */
    private final ChannelGroup connections;

    private TcpServer(Channel channel, ChannelGroup connections) {
        this.channel = channel;
        this.connections = connections;
    }

    /** Binds with the default transport limits. */
    public static TcpServer bind(String host, int port, Supplier<FrameListener> perConnection) {
        return bind(host, port, TransportOptions.defaults(), perConnection);
    }

    /** Binds {@code host:port} (port 0 = any free one) and serves until closed. */
    public static TcpServer bind(String host, int port, TransportOptions options, Supplier<FrameListener> perConnection) {
        ChannelGroup connections = new DefaultChannelGroup("tcp-server " + host + ":" + port, ImmediateEventExecutor.INSTANCE);
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
                        ch.pipeline().addLast(new TransportChannelHandler(Transports.detector(options), perConnection.get()));
                    }
                });
        // awaitUninterruptibly, not sync: sync rethrows checked causes such as BindException undeclared.
        ChannelFuture bound = b.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new NetException("cannot listen on " + host + ":" + port + ": " + bound.cause().getMessage(), bound.cause());
        }
        return new TcpServer(bound.channel(), connections);
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
