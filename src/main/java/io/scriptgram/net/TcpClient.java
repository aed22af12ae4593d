package io.scriptgram.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.NetUtil;
import io.scriptgram.transport.Transport;
import io.scriptgram.transport.TransportOptions;
import io.scriptgram.transport.Transports;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens one client connection with a given transport codec, optionally through a proxy: SOCKS5 or HTTP CONNECT (a Netty
 * handler opens the tunnel first), or an MTProxy (the codec itself is the MTProxy client; the connection goes to the
 * proxy's address).
 */
public final class TcpClient {
    private TcpClient() {}

    /** Connects with a fresh codec of {@code choice} (obfuscated ones carry {@code dcId} in their header). */
    public static CompletableFuture<FrameChannel> connect(
            String host,
            int port,
            TransportChoice choice,
            int dcId,
            Proxy proxy,
            int connectTimeoutMillis,
            FrameListener listener) {
        Transport codec = proxy != null && proxy.kind() == Proxy.Kind.MTPROXY
                ? Transports.mtproxyClient(
                        proxy.secret(),
                        choice.kind(),
                        dcId,
                        TransportOptions.defaults(),
                        System.currentTimeMillis() / 1000)
                : choice.newClientCodec(dcId, TransportOptions.defaults());
        return connect(host, port, codec, proxy, connectTimeoutMillis, listener);
    }

    public static CompletableFuture<FrameChannel> connect(
            String host, int port, Transport transport, Proxy proxy, int connectTimeoutMillis, FrameListener listener) {
        boolean mtproxy = proxy != null && proxy.kind() == Proxy.Kind.MTPROXY;
        boolean tunnel = proxy != null && !mtproxy;
        TransportChannelHandler handler = new TransportChannelHandler(transport, listener, tunnel, mtproxy);
        // Resolved here, on the caller's thread, never on an I/O thread.
        InetSocketAddress proxyAddress = proxy == null ? null : new InetSocketAddress(proxy.host(), proxy.port());
        Bootstrap b = new Bootstrap()
                .group(NetLoop.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tunnel) {
                            ProxyHandler tunnelHandler = proxy.kind() == Proxy.Kind.HTTP
                                    ? proxy.user() == null
                                            ? new HttpProxyHandler(proxyAddress)
                                            : new HttpProxyHandler(proxyAddress, proxy.user(), proxy.password())
                                    : new Socks5ProxyHandler(proxyAddress, proxy.user(), proxy.password());
                            // The proxy handshake counts against the same connect timeout (Netty's own default is 10
                            // s).
                            tunnelHandler.setConnectTimeoutMillis(connectTimeoutMillis);
                            ch.pipeline().addLast(tunnelHandler);
                        }
                        ch.pipeline().addLast(handler);
                    }
                });
        if (tunnel) {
            // The target's name goes to the proxy unresolved (SOCKS5 DOMAINNAME, HTTP CONNECT host): resolving it
            // here would leak the lookup past the proxy and fail for names only the proxy can resolve.
            b.resolver(NoopAddressResolverGroup.INSTANCE);
        }
        String where = host + ":" + port + (proxy == null ? "" : " via " + proxy);
        CompletableFuture<FrameChannel> result = new CompletableFuture<>();
        handler.active.whenComplete((channel, error) -> {
            if (error == null) {
                result.complete(channel);
            } else {
                result.completeExceptionally(
                        new NetException("cannot connect to " + where + ": " + error.getMessage(), error));
            }
        });
        ChannelFuture f = b.connect(
                mtproxy ? proxyAddress : tunnel ? proxyTarget(host, port) : new InetSocketAddress(host, port));
        f.addListener(done -> {
            if (!done.isSuccess()) {
                handler.active.completeExceptionally(done.cause());
            } else if (mtproxy) {
                // A fake-TLS hello the proxy never answers would otherwise wait forever.
                f.channel()
                        .eventLoop()
                        .schedule(
                                () -> {
                                    if (handler.active.completeExceptionally(
                                            new NetException("the proxy did not answer the handshake within "
                                                    + connectTimeoutMillis + " ms")))
                                        f.channel().close();
                                },
                                connectTimeoutMillis,
                                TimeUnit.MILLISECONDS);
            }
        });
        return result;
    }

    /**
     * The target as the proxy should see it: an IP literal as an address (SOCKS5 IPv4/IPv6), anything else as an
     * unresolved name (SOCKS5 DOMAINNAME).
     */
    static InetSocketAddress proxyTarget(String host, int port) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) return InetSocketAddress.createUnresolved(host, port);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(host, ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
