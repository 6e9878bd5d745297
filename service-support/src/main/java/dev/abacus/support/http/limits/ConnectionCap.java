package dev.abacus.support.http.limits;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a server's open connections to a cap. At the cap its listeners stop accepting, so new clients wait
 * in the kernel's backlog, which costs this process no file descriptor, and are accepted as connections close.
 */
final class ConnectionCap {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int cap;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<Channel> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private final ChannelHandler acceptor = new Acceptor();

    ConnectionCap(int cap) {
        this.cap = cap;
    }

    int cap() {
        return cap;
    }

    /** Counts the connections {@code listener} accepts against the cap; call before it binds. */
    void watch(Channel listener) {
        // one accept per read, so accepting stops right at the cap rather than a batch later
        if (listener.config().getRecvByteBufAllocator() instanceof MaxMessagesRecvByteBufAllocator allocator) {
            allocator.maxMessagesPerRead(1);
        }
        listeners.add(listener);
        listener.closeFuture().addListener((ChannelFutureListener) future -> listeners.remove(listener));
        // first, so it sees each accepted channel before the bootstrap's acceptor registers it
        listener.pipeline().addFirst("abacus-connection-cap", acceptor);
    }

    /** On {@code listener}'s event loop, like every change of its accepting state. */
    private boolean admit(Channel listener, Channel connection) {
        if (open.incrementAndGet() > cap) {
            // another listener took the last place in the meantime
            open.decrementAndGet();
            connection.unsafe().closeForcibly();
            updateAccepting(listener);
            return false;
        }
        connection.closeFuture().addListener((ChannelFutureListener) future -> {
            open.decrementAndGet();
            for (Channel each : listeners) {
                if (!each.eventLoop().isShuttingDown()) {
                    each.eventLoop().execute(() -> updateAccepting(each));
                }
            }
        });
        updateAccepting(listener);
        return true;
    }

    private void updateAccepting(Channel listener) {
        boolean accepting = open.get() < cap;
        if (listener.config().isAutoRead() != accepting) {
            listener.config().setAutoRead(accepting);
            if (!accepting) {
                warnAtCap();
            }
        }
    }

    private void warnAtCap() {
        long now = System.nanoTime();
        long last = lastWarned.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarned.compareAndSet(last, now)) {
            LOG.warn("{} HTTP connections open, the cap (abacus.http.max-connections, or half the file descriptors): "
                    + "new connections wait until one closes", cap);
        }
    }

    @ChannelHandler.Sharable
    private final class Acceptor extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel connection && !admit(ctx.channel(), connection)) {
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
