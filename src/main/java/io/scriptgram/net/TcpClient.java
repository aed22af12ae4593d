package io.scriptgram.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.scriptgram.transport.Transport;
import io.scriptgram.transport.TransportOptions;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** Opens one client connection with a given transport codec, optionally through a SOCKS5 proxy. */
public final class TcpClient {
    private TcpClient() {}

    /** Connects with a fresh codec of {@code choice} (obfuscated ones carry {@code dcId} in their header). */
    public static CompletableFuture<FrameChannel> connect(String host, int port, TransportChoice choice, int dcId, Proxy proxy,
                                                          int connectTimeoutMillis, FrameListener listener) {
        return connect(host, port, choice.newClientCodec(dcId, TransportOptions.defaults()), proxy, connectTimeoutMillis, listener);
    }

    public static CompletableFuture<FrameChannel> connect(String host, int port, Transport transport, Proxy proxy,
                                                          int connectTimeoutMillis, FrameListener listener) {
        TransportChannelHandler handler = new TransportChannelHandler(transport, listener);
        Bootstrap b = new Bootstrap()
                .group(NetLoop.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (proxy != null) {
                            ch.pipeline().addLast(new Socks5ProxyHandler(new InetSocketAddress(proxy.host(), proxy.port()),
                                    proxy.user(), proxy.password()));
                        }
                        ch.pipeline().addLast(handler);
                    }
                });
        CompletableFuture<FrameChannel> result = handler.active;
        InetSocketAddress target = proxy == null ? new InetSocketAddress(host, port) : InetSocketAddress.createUnresolved(host, port);
        ChannelFuture f = b.connect(target);
        f.addListener(done -> {
            if (!done.isSuccess()) result.completeExceptionally(new NetException("cannot connect to " + host + ":" + port
                    + (proxy == null ? "" : " via " + proxy) + ": " + done.cause().getMessage(), done.cause()));
        });
        return result;
    }
}
