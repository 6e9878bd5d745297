package dev.abacus.support.http.limits;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP/1 connection that has not sent a complete request head within the timeout of opening or of
 * its last response. Micronaut's own idle timeout counts any byte as activity, so a client trickling a header
 * one byte at a time would hold its connection for ever. Sits right after the HTTP codec: it sees decoded
 * requests coming in and whole responses going out.
 */
final class HeaderTimeout extends ChannelDuplexHandler {

    static final String NAME = "abacus-header-timeout";
    private static final Logger LOG = LoggerFactory.getLogger(HeaderTimeout.class);

    private final long timeoutNanos;
    private int unanswered;
    private boolean informational;
    private ScheduledFuture<?> deadline;

    HeaderTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            unanswered++;
            disarm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        if (msg instanceof LastHttpContent && !informational) {
            unanswered = Math.max(0, unanswered - 1);
            if (unanswered == 0) {
                arm(ctx);
            }
        }
        ctx.write(msg, promise);
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        deadline = ctx.executor().schedule(() -> {
            LOG.debug("Closing {}: no complete request head within {} ms", ctx.channel(),
                    TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            ctx.close();
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
