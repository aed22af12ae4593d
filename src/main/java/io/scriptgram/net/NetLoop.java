package io.scriptgram.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The process's I/O threads: one small event-loop group for every client and server connection. */
public final class NetLoop {
    private NetLoop() {}

    private static final class Holder {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads(), NioIoHandler.newFactory());
    }

    public static EventLoopGroup group() {
        return Holder.GROUP;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "scriptgram-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
