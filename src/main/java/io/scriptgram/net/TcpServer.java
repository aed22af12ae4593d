package io.scriptgram.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
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

    private TcpServer(Channel channel) {
        this.channel = channel;
    }

    /** Binds {@code host:port} (port 0 = any free one) and serves until closed. */
    public static TcpServer bind(String host, int port, TransportOptions options, Supplier<FrameListener> perConnection) {
        ServerBootstrap b = new ServerBootstrap()
                .group(NetLoop.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new TransportChannelHandler(Transports.detector(options), perConnection.get()));
                    }
                });
        try {
            return new TcpServer(b.bind(host, port).syncUninterruptibly().channel());
        } catch (RuntimeException e) {
            throw new NetException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String host() {
        return ((InetSocketAddress) channel.localAddress()).getHostString();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
