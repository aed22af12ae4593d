package io.scriptgram.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.scriptgram.transport.Transport;
import io.scriptgram.transport.TransportDetector;
import io.scriptgram.transport.TransportException;
import java.util.concurrent.TimeUnit;

/**
 * A connection over its address's limit: it waits only for the client's opening (the transport error must be framed in
 * the client's own transport), answers "transport flood" (-429) and closes. Nothing reaches a listener. One that never
 * opens is closed after the first-byte timeout.
 */
final class RefusingHandler extends ChannelInboundHandlerAdapter {
    private final TransportDetector detector;
    private final long timeoutNanos;
    private ScheduledFuture<?> timeout;
    private boolean done;

    RefusingHandler(TransportDetector detector, ServerLimits limits) {
        this.detector = detector;
        this.timeoutNanos = limits.firstByteTimeout().toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> ctx.close(), timeoutNanos, TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (done) return;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            Transport t = detector.feed(bytes);
            if (t == null) return;
            done = true;
            ctx.channel().config().setAutoRead(false);
            t.start(); // empty on the server side, but the codec expects the call
            byte[] error = t.encodeError(TransportChannelHandler.TRANSPORT_FLOOD);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(error)).addListener(ChannelFutureListener.CLOSE);
        } catch (TransportException e) {
            done = true;
            ctx.close();
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeout != null) timeout.cancel(false);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
