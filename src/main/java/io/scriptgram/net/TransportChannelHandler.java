package io.scriptgram.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.proxy.ProxyConnectionEvent;
import io.scriptgram.transport.Frame;
import io.scriptgram.transport.FrameTooLongException;
import io.scriptgram.transport.Transport;
import io.scriptgram.transport.TransportDetector;
import io.scriptgram.transport.TransportException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Glue between a Netty channel and a sans-IO {@link Transport}: bytes in → frames to the listener, packets out → frames
 * on the wire. The server side starts with a {@link TransportDetector}. Back-pressure: while the peer does not read
 * what we write, we stop reading from it; past a hard limit of unsent bytes the connection is closed, so a slow reader
 * cannot make us buffer without bound. On the server side a {@link ServerGuard} adds read deadlines, and a frame over
 * the size limit is answered with transport error {@value #TRANSPORT_FLOOD} before the close.
 */
final class TransportChannelHandler extends ChannelInboundHandlerAdapter implements FrameChannel {
    private static final System.Logger LOG = System.getLogger("scriptgram.net");
    static final long MAX_UNSENT = 32L << 20;
    /** Transport error "transport flood": MTProto's answer when a connection limit is reached. */
    static final int TRANSPORT_FLOOD = -429;

    private final FrameListener listener;
    private TransportDetector detector;
    private Transport transport;
    private volatile Channel channel;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Completes once the channel is active and the transport's opening bytes are written. */
    final CompletableFuture<FrameChannel> active = new CompletableFuture<>();

    private Throwable failure;

    /**
     * True when a proxy handler sits in front: the channel is active as soon as the proxy accepted the TCP connection,
     * but the connection to the target exists only after the proxy's handshake.
     */
    private final boolean behindProxy;
    /**
     * True when the peer is an MTProxy: a close before it answered anything is reported as a refused handshake, and a
     * transport with its own handshake (fake-TLS) opens only once that is done.
     */
    private final boolean mtproxy;
    /** Client side: the opening bytes are out, and the transport's own handshake awaits the peer's answer. */
    private boolean awaitingHandshake;

    private boolean receivedAny;
    /**
     * Event-loop only. True inside {@link #channelRead}: frames written to this channel from there (the answers a
     * server makes to what it just read) are flushed once at the end of the read, one write call for all of them,
     * instead of one each.
     */
    private boolean reading;

    private boolean flushOwed;
    /** Server side only; null on the client side. */
    private final ServerGuard guard;

    /** Client side: the transport is known up front. */
    TransportChannelHandler(Transport transport, FrameListener listener, boolean behindProxy) {
        this(transport, listener, behindProxy, false);
    }

    /** Client side, possibly talking to an MTProxy. */
    TransportChannelHandler(Transport transport, FrameListener listener, boolean behindProxy, boolean mtproxy) {
        this.transport = transport;
        this.listener = listener;
        this.behindProxy = behindProxy;
        this.mtproxy = mtproxy;
        this.guard = null;
    }

    /** Server side: the transport is detected from the first bytes. */
    TransportChannelHandler(TransportDetector detector, FrameListener listener, ServerGuard guard) {
        this.detector = detector;
        this.listener = listener;
        this.behindProxy = false;
        this.mtproxy = false;
        this.guard = guard;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        if (guard != null) guard.opened(ctx);
        if (!behindProxy) ready(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // The proxy reached the target: only now is the connection usable.
        if (behindProxy && evt instanceof ProxyConnectionEvent) ready(ctx);
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * The path to the peer is open: send the transport's opening bytes and hand the channel out, or, for a transport
     * with its own handshake, once that completes.
     */
    private void ready(ChannelHandlerContext ctx) {
        if (transport != null) {
            byte[] start = transport.start();
            if (start.length > 0) ctx.writeAndFlush(Unpooled.wrappedBuffer(start));
            if (!transport.handshakeComplete()) {
                awaitingHandshake = true;
                return;
            }
        }
        open();
    }

    private void open() {
        listener.opened(this);
        active.complete(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        reading = true;
        try {
            if (failure != null) return; // closing: what still arrives is dropped
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            int frames = 0;
            if (transport == null) {
                transport = detector.feed(bytes);
                if (transport != null) {
                    detector = null;
                    byte[] start = transport.start(); // empty on the server side, but the codec expects the call
                    if (start.length > 0) ctx.writeAndFlush(Unpooled.wrappedBuffer(start));
                }
            } else {
                if (bytes.length > 0) receivedAny = true;
                transport.feed(bytes);
                if (awaitingHandshake && transport.handshakeComplete()) {
                    awaitingHandshake = false;
                    open();
                }
            }
            for (Frame f; transport != null && (f = transport.next()) != null; frames++) {
                switch (f) {
                    case Frame.Packet p -> listener.packet(this, p.payload(), p.quickAckRequested());
                    case Frame.QuickAck q -> listener.quickAck(this, q.token());
                    case Frame.TransportError e -> listener.transportError(this, e.code());
                }
            }
            if (guard != null) {
                guard.afterRead(ctx, frames, transport == null ? detector.buffered() : transport.buffered());
            }
        } catch (TransportException e) {
            failure = e;
            flushOwed(ctx); // what was answered before the bad bytes still leaves, as it did frame by frame
            refuse(ctx, e);
        } catch (RuntimeException e) {
            // A listener failure must not take the I/O thread down; this connection ends.
            LOG.log(System.Logger.Level.ERROR, remote() + ": closing after an internal error: " + e, e);
            failure = e;
            flushOwed(ctx);
            ctx.close();
        } finally {
            reading = false;
            flushOwed(ctx);
            buf.release();
        }
    }

    private void flushOwed(ChannelHandlerContext ctx) {
        if (!flushOwed) return;
        flushOwed = false;
        ctx.channel().flush();
    }

    /**
     * Bytes that break the framing end the connection. A server answers a frame over its size limit with "transport
     * flood", as MTProto does for limits, and logs each reason once per address.
     */
    private void refuse(ChannelHandlerContext ctx, TransportException e) {
        if (guard == null) {
            LOG.log(System.Logger.Level.WARNING, "{0}: closing: {1}", remote(), e.getMessage());
            ctx.close();
            return;
        }
        ctx.channel().config().setAutoRead(false);
        if (e instanceof FrameTooLongException && transport != null) {
            guard.refused(ctx, "frame too long; answered " + TRANSPORT_FLOOD + " and closed", e.getMessage());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(transport.encodeError(TRANSPORT_FLOOD)))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            guard.refused(ctx, "bad framing; closed", e.getMessage());
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        ch.config().setAutoRead(ch.isWritable() && failure == null);
        if (guard != null) guard.reading(ctx, ch.isWritable());
        if (!ch.isWritable()
                && ch.unsafe().outboundBuffer() != null
                && ch.unsafe().outboundBuffer().totalPendingWriteBytes() > MAX_UNSENT) {
            LOG.log(System.Logger.Level.WARNING, "{0}: peer is not reading; closing", remote());
            ctx.close();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (guard != null) guard.closed();
        // A proxy that hangs up (or resets) before its first byte could not read our opening: the secret is wrong.
        if (mtproxy && !receivedAny && (failure == null || failure instanceof IOException))
            failure = new ProxyHandshakeException();
        if (!active.isDone()) {
            active.completeExceptionally(
                    failure instanceof ProxyHandshakeException
                            ? failure
                            : new NetException(
                                    "connection closed before it was ready"
                                            + (failure == null ? "" : ": " + failure.getMessage()),
                                    failure));
        }
        try {
            listener.closed(this, failure);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, remote() + ": listener failed on close: " + e, e);
        } finally {
            closed.complete(null);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) failure = cause;
        ctx.close();
    }

    private void write(Supplier<byte[]> frame) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) return;
        if (ch.eventLoop().inEventLoop()) writeNow(ch, frame);
        else ch.eventLoop().execute(() -> writeNow(ch, frame));
    }

    private void writeNow(Channel ch, Supplier<byte[]> frame) {
        if (transport == null || !ch.isActive()) return;
        if (ch.unsafe().outboundBuffer() != null
                && ch.unsafe().outboundBuffer().totalPendingWriteBytes() > MAX_UNSENT) {
            LOG.log(System.Logger.Level.WARNING, "{0}: more than {1} bytes unsent; closing", remote(), MAX_UNSENT);
            ch.close();
            return;
        }
        if (reading) {
            ch.write(Unpooled.wrappedBuffer(frame.get()));
            flushOwed = true;
        } else {
            ch.writeAndFlush(Unpooled.wrappedBuffer(frame.get()));
        }
    }

    @Override
    public void send(byte[] packet) {
        checked(packet);
        write(() -> transport.encode(packet));
    }

    @Override
    public void sendWithQuickAck(byte[] packet) {
        checked(packet);
        write(() -> transport.encode(packet, transport.supportsQuickAck()));
    }

    /**
     * Refuses an impossible packet in the caller's thread: encoding happens later on the I/O thread, where an exception
     * would reach nobody.
     */
    private static void checked(byte[] packet) {
        if (packet.length == 0 || packet.length % 4 != 0) {
            throw new IllegalArgumentException(
                    "an MTProto packet is a positive multiple of 4 bytes, got " + packet.length);
        }
    }

    @Override
    public void execute(Runnable task) {
        Channel ch = channel;
        if (ch == null) {
            task.run(); // not connected yet: nothing to order against
            return;
        }
        try {
            ch.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the event loop is shutting down: the task finds the channel closed
        }
    }

    @Override
    public void sendQuickAck(int token) {
        write(() -> transport.encodeQuickAck(token));
    }

    @Override
    public void sendErrorAndClose(int negativeCode) {
        Channel ch = channel;
        if (ch == null) return;
        ch.eventLoop().execute(() -> {
            if (transport != null && ch.isActive())
                ch.writeAndFlush(Unpooled.wrappedBuffer(transport.encodeError(negativeCode)))
                        .addListener(f -> ch.close());
            else ch.close();
        });
    }

    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null) ch.close();
    }

    @Override
    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public String remote() {
        Channel ch = channel;
        return ch == null || ch.remoteAddress() == null
                ? "?"
                : ch.remoteAddress().toString();
    }

    @Override
    public String transportName() {
        return transport == null ? "undetected" : transport.name();
    }
}
