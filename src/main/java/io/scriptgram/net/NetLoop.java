package io.scriptgram.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process's I/O threads: one small event-loop group for every client and server connection. On Linux it runs on
 * Netty's native epoll transport (fewer system calls and allocations per read, write and wake-up than the JDK's
 * selector: measured with {@code bench rpc}); elsewhere, or with {@code -Dscriptgram.net.epoll=false}, or when the
 * native library cannot load, on the JDK's NIO. Channels on this group must be of {@link #socketChannel()} and
 * {@link #serverSocketChannel()}.
 */
public final class NetLoop {
    private NetLoop() {}

    private static final class Holder {
        static final boolean EPOLL = Boolean.parseBoolean(System.getProperty("scriptgram.net.epoll", "true"))
                && Epoll.isAvailable();
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads(), handlers());

        private static IoHandlerFactory handlers() {
            return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        }
    }

    public static EventLoopGroup group() {
        return Holder.GROUP;
    }

    /** The client channel type that runs on {@link #group()}. */
    public static Class<? extends SocketChannel> socketChannel() {
        return Holder.EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The server channel type that runs on {@link #group()}. */
    public static Class<? extends ServerSocketChannel> serverSocketChannel() {
        return Holder.EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** "epoll" or "nio": the I/O the group runs on (status and benches). */
    public static String ioKind() {
        return Holder.EPOLL ? "epoll" : "nio";
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
