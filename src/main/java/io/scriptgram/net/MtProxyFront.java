package io.scriptgram.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.scriptgram.transport.MtProxyAcceptor;
import io.scriptgram.transport.MtProxySecret;
import io.scriptgram.transport.TransportException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * An MTProxy on a local address: checks each client's opening against one secret ({@link MtProxyAcceptor}), then relays
 * the plain MTProto stream to the DC the client named, as MTProxy servers that talk to DCs directly do. A refused
 * client is closed and logged with the reason ("wrong secret" and the like); the secret itself is never logged. The
 * sandbox puts one in front of its DCs ({@code scriptgram sandbox --mtproxy SECRET}).
 */
public final class MtProxyFront implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("scriptgram.net");
    /** A client must complete its opening within this. */
    private static final long OPENING_TIMEOUT_SECONDS = 10;

    private static final int KEEP_REFUSALS = 100;
    private static final int KEEP_OPENINGS = 100_000;

    private volatile Channel channel;
    private final ChannelGroup connections;
    private final MtProxySecret secret;
    private final List<String> refusals = new ArrayList<>();
    /** Openings seen lately (the newest {@value #KEEP_OPENINGS}), so a replayed one is refused. */
    private final Set<ByteBuffer> seenOpenings = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
            return size() > KEEP_OPENINGS;
        }
    });

    private final MtProxyAcceptor.ReplayGuard replays = key -> {
        synchronized (seenOpenings) {
            return seenOpenings.add(ByteBuffer.wrap(key));
        }
    };

    private MtProxyFront(ChannelGroup connections, MtProxySecret secret) {
        this.connections = connections;
        this.secret = secret;
    }

    /** {@link #bind(String, int, MtProxySecret, IntFunction)} with the secret as a proxy link carries it. */
    public static MtProxyFront bind(String host, int port, byte[] rawSecret, IntFunction<InetSocketAddress> dcAddress) {
        return bind(host, port, MtProxySecret.of(rawSecret), dcAddress);
    }

    /**
     * Listens on {@code host:port} (0: any free port).
     *
     * @param dcAddress where DC n listens (n positive: a media or test DC id is mapped to its plain number first), or
     *     null for a DC the proxy does not know
     */
    public static MtProxyFront bind(
            String host, int port, MtProxySecret secret, IntFunction<InetSocketAddress> dcAddress) {
        SecureRandom random = new SecureRandom();
        ChannelGroup connections =
                new DefaultChannelGroup("mtproxy " + host + ":" + port, ImmediateEventExecutor.INSTANCE);
        MtProxyFront self = new MtProxyFront(connections, secret);
        ServerBootstrap b = new ServerBootstrap()
                .group(NetLoop.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        MtProxyAcceptor acceptor =
                                new MtProxyAcceptor(secret, self.replays, random, System.currentTimeMillis() / 1000);
                        ch.pipeline().addLast(self.new ClientSide(acceptor, dcAddress));
                    }
                });
        ChannelFuture bound = b.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new NetException(
                    "cannot listen on " + host + ":" + port + ": "
                            + bound.cause().getMessage(),
                    bound.cause());
        }
        self.channel = bound.channel();
        return self;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String host() {
        return ((InetSocketAddress) channel.localAddress()).getHostString();
    }

    /** Which kind of MTProxy this is, for logs ("ee, fake-TLS as example.com"). */
    public String describe() {
        return secret.describe();
    }

    /** The reasons of the latest refused connections, oldest first (for status and tests). */
    public List<String> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    private void refused(Channel ch, String reason) {
        synchronized (refusals) {
            if (refusals.size() == KEEP_REFUSALS) refusals.remove(0);
            refusals.add(reason);
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "MTProxy on port {0}: refused {1}: {2}",
                String.valueOf(port()),
                TcpServer.address(ch),
                reason);
        ch.close();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
    }

    /** Plain DC number from the id in the header: media DCs are negative, test DCs are 10000 up. */
    static int plainDc(int dcId) {
        int n = Math.abs(dcId);
        return n > 10000 ? n - 10000 : n;
    }

    /** The client's connection: opening, then relay to the DC. */
    private final class ClientSide extends ChannelInboundHandlerAdapter {
        private final MtProxyAcceptor acceptor;
        private final IntFunction<InetSocketAddress> dcAddress;
        private Channel backend;
        /** Client bytes that arrived while the DC connection was still being made. */
        private final List<byte[]> early = new ArrayList<>();

        private boolean accepted;
        /** Refused and closing: what still arrives is dropped unlogged. */
        private boolean closing;

        private ScheduledFuture<?> openingDeadline;

        ClientSide(MtProxyAcceptor acceptor, IntFunction<InetSocketAddress> dcAddress) {
            this.acceptor = acceptor;
            this.dcAddress = dcAddress;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            openingDeadline = ctx.executor()
                    .schedule(
                            () -> {
                                if (!accepted)
                                    refused(
                                            ctx.channel(),
                                            "no complete opening within " + OPENING_TIMEOUT_SECONDS + " s");
                            },
                            OPENING_TIMEOUT_SECONDS,
                            TimeUnit.SECONDS);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (closing) return;
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                if (accepted) {
                    byte[] plain = acceptor.fromClient(bytes, 0, bytes.length);
                    if (plain.length == 0 || backend == null) return;
                    if (backend.isActive() && early.isEmpty()) backend.writeAndFlush(Unpooled.wrappedBuffer(plain));
                    else early.add(plain);
                    return;
                }
                MtProxyAcceptor.Accepted a = acceptor.feed(bytes, 0, bytes.length);
                byte[] answer = acceptor.takeOutbound();
                if (answer.length > 0) ctx.writeAndFlush(Unpooled.wrappedBuffer(answer));
                if (a != null) relay(ctx, a);
            } catch (TransportException e) {
                if (!closing) {
                    closing = true;
                    ctx.channel().config().setAutoRead(false);
                    refused(ctx.channel(), e.getMessage());
                }
            } finally {
                buf.release();
            }
        }

        private void relay(ChannelHandlerContext ctx, MtProxyAcceptor.Accepted a) {
            accepted = true;
            openingDeadline.cancel(false);
            InetSocketAddress target = dcAddress.apply(plainDc(a.dcId()));
            if (target == null) {
                refused(ctx.channel(), "asked for DC " + a.dcId() + ", which this proxy does not know");
                return;
            }
            Channel client = ctx.channel();
            client.config().setAutoRead(false);
            Bootstrap b = new Bootstrap()
                    .group(client.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new DcSide(client));
            ChannelFuture f = b.connect(target);
            backend = f.channel();
            f.addListener((ChannelFutureListener) done -> {
                if (!done.isSuccess()) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "MTProxy on port {0}: cannot reach DC {1} at {2}: {3}",
                            String.valueOf(port()),
                            a.dcId(),
                            target,
                            done.cause().getMessage());
                    client.close();
                    return;
                }
                done.channel().write(Unpooled.wrappedBuffer(a.toServer()));
                for (byte[] e : early) done.channel().write(Unpooled.wrappedBuffer(e));
                early.clear();
                done.channel().flush();
                client.config().setAutoRead(true);
            });
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // The client reads slowly: stop reading from the DC until it catches up.
            if (backend != null) backend.config().setAutoRead(ctx.channel().isWritable());
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (openingDeadline != null) openingDeadline.cancel(false);
            if (backend != null) backend.close();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        /** The DC's connection: its bytes go back to the client, encrypted (and in TLS records for ee). */
        private final class DcSide extends ChannelInboundHandlerAdapter {
            private final Channel client;

            DcSide(Channel client) {
                this.client = client;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                try {
                    byte[] bytes = new byte[buf.readableBytes()];
                    buf.readBytes(bytes);
                    client.writeAndFlush(Unpooled.wrappedBuffer(acceptor.toClient(bytes, 0, bytes.length)));
                } finally {
                    buf.release();
                }
            }

            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                client.config().setAutoRead(ctx.channel().isWritable());
                ctx.fireChannelWritabilityChanged();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                client.close();
                ctx.fireChannelInactive();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        }
    }
}
