package io.scriptgram.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's limits on one accepted connection, kept on its event loop. Two clocks: the first byte must come within
 * {@link ServerLimits#firstByteTimeout()}, and a frame once begun must be complete within
 * {@link ServerLimits#frameTimeout()}. A connection with no partial frame has no clock at all, so idle clients between
 * requests are never cut off. Every refusal goes to the server's rate-limited {@link RefusalLog}.
 */
final class ServerGuard {
    private final ServerLimits limits;
    private final RefusalLog refusals;
    private ScheduledFuture<?> firstByte;
    private ScheduledFuture<?> frame;
    private boolean anyByte;
    private boolean paused;
    private int buffered;

    ServerGuard(ServerLimits limits, RefusalLog refusals) {
        this.limits = limits;
        this.refusals = refusals;
    }

    void opened(ChannelHandlerContext ctx) {
        firstByte = schedule(
                ctx,
                limits.firstByteTimeout().toNanos(),
                "sent nothing; closing",
                () -> "no first byte within " + limits.firstByteTimeout().toMillis() + " ms");
    }

    /**
     * After bytes were read and every complete frame taken: {@code completed} frames came out and {@code buffered}
     * bytes of the next one wait. A completed frame restarts the clock for the next.
     */
    void afterRead(ChannelHandlerContext ctx, int completed, int buffered) {
        this.buffered = buffered;
        if (!anyByte) {
            anyByte = true;
            cancel(firstByte);
            firstByte = null;
        }
        if (buffered == 0 || completed > 0) {
            cancel(frame);
            frame = null;
        }
        if (buffered > 0 && frame == null && !paused) armFrame(ctx);
    }

    /**
     * The server stops reading while the peer does not take its answers (back-pressure): bytes then wait in the socket
     * through no fault of the peer, so the frame clock stops too.
     */
    void reading(ChannelHandlerContext ctx, boolean reading) {
        paused = !reading;
        if (paused) {
            cancel(frame);
            frame = null;
        } else if (buffered > 0 && frame == null) {
            armFrame(ctx);
        }
    }

    void closed() {
        cancel(firstByte);
        cancel(frame);
    }

    private void armFrame(ChannelHandlerContext ctx) {
        frame = schedule(
                ctx,
                limits.frameTimeout().toNanos(),
                "frame not completed in time; closing",
                () -> buffered + " bytes of an unfinished frame after "
                        + limits.frameTimeout().toMillis() + " ms");
    }

    /** Logs why this connection is refused or closed; {@code reason} is a fixed phrase, {@code detail} what varies. */
    void refused(ChannelHandlerContext ctx, String reason, String detail) {
        refusals.refused(TcpServer.address(ctx.channel()), reason, detail);
    }

    private ScheduledFuture<?> schedule(ChannelHandlerContext ctx, long nanos, String reason, Supplier<String> detail) {
        return ctx.executor()
                .schedule(
                        () -> {
                            if (!ctx.channel().isActive()) return;
                            refused(ctx, reason, detail.get());
                            ctx.close();
                        },
                        nanos,
                        TimeUnit.NANOSECONDS);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }
}
