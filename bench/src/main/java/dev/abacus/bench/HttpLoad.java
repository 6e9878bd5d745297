package dev.abacus.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * A small HTTP/1.1 load generator on Netty: keep-alive connections on one client event loop (like
 * {@code wrk -t1}). {@link #saturate} is closed-loop (each connection sends its next request when the
 * last is answered); {@link #offer} is open-loop at a fixed rate, timing from the intended send time so
 * a slow answer never hides the requests queued behind it.
 */
final class HttpLoad implements AutoCloseable {

    /** What one run observed; {@code failures} counts the failed by kind ("HTTP 503", "unanswered"). */
    record Result(long ok, long failed, double seconds, Latencies latencies, Map<String, Long> failures) {
        double perSecond() {
            return ok / seconds;
        }
    }

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final String host;
    private final int port;

    HttpLoad(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Keeps {@code connections} requests in flight for {@code warmup} (not measured) and then
     * {@code duration}; counts 2xx answers and records each one's latency.
     */
    Result saturate(String path, byte[] body, int connections, long warmupMillis, long durationMillis)
            throws InterruptedException {
        EventLoop loop = group.next();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
        long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(durationMillis);
        Latencies latencies = new Latencies(20_000_000);
        long[] ok = {0};
        long[] failed = {0};
        CountDownLatch done = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            long[] sentAt = {0};
            Channel channel = connect(loop, (ctx, response) -> {
                long now = System.nanoTime();
                if (sentAt[0] >= measureFrom && now <= end) {
                    if (response.status().code() / 100 == 2) {
                        ok[0]++;
                        latencies.add(now - sentAt[0]);
                    } else {
                        failed[0]++;
                    }
                }
                if (now < end) {
                    sentAt[0] = now;
                    ctx.writeAndFlush(request(path, body));
                } else {
                    ctx.close();
                }
            });
            channel.closeFuture().addListener(f -> done.countDown());
            loop.execute(() -> {
                sentAt[0] = System.nanoTime();
                channel.writeAndFlush(request(path, body));
            });
        }
        long bound = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 30_000;
        if (!done.await(bound, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("HTTP load did not finish within " + bound + " ms");
        }
        return new Result(ok[0], failed[0], durationMillis / 1000.0, latencies, Map.of());
    }

    /**
     * Sends {@code rate} requests per second for {@code durationMillis} over up to {@code maxConnections}
     * connections; {@code answered} gets (intended send time, response) for every 2xx answer.
     */
    Result offer(String path, byte[] body, int rate, long durationMillis, int maxConnections,
            BiConsumer<Long, FullHttpResponse> answered) throws InterruptedException {
        EventLoop loop = group.next();
        ArrayDeque<Channel> idle = new ArrayDeque<>();
        ArrayDeque<Long> queued = new ArrayDeque<>();
        Latencies latencies = new Latencies(Math.max(1024, (int) Math.min(20_000_000L, (long) rate * durationMillis / 1000 * 2)));
        long[] ok = {0};
        long[] failed = {0};
        Map<String, Long> failures = new TreeMap<>();
        AtomicLong outstanding = new AtomicLong();
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < maxConnections; i++) {
            long[] intended = {0};
            Channel[] self = new Channel[1];
            self[0] = connect(loop, (ctx, response) -> {
                long now = System.nanoTime();
                if (response.status().code() / 100 == 2) {
                    ok[0]++;
                    latencies.add(now - intended[0]);
                    answered.accept(intended[0], response);
                } else {
                    failed[0]++;
                    String kind = "HTTP " + response.status().code();
                    if (!failures.containsKey(kind)) {
                        printFailure(kind + ": " + response.content().toString(StandardCharsets.UTF_8));
                    }
                    failures.merge(kind, 1L, Long::sum);
                }
                outstanding.decrementAndGet();
                Long next = queued.poll();
                if (next != null) {
                    intended[0] = next;
                    ctx.writeAndFlush(request(path, body));
                } else {
                    self[0].attr(WAITING).set(null);
                    idle.push(self[0]);
                }
            });
            self[0].attr(INTENDED).set(intended);
            channels.add(self[0]);
        }
        loop.submit(() -> idle.addAll(channels)).sync();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(durationMillis);
        long next = start;
        while (next < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            long intendedAt = next;
            outstanding.incrementAndGet();
            loop.execute(() -> {
                Channel channel = idle.poll();
                // the server closes a keep-alive connection idle for abacus.http.header-timeout (30 s); a pooled
                // client drops it when it sees the close, or its next request would be written to nobody
                while (channel != null && !channel.isActive()) {
                    channel = idle.poll();
                }
                if (channel == null) {
                    queued.add(intendedAt);
                } else {
                    channel.attr(INTENDED).get()[0] = intendedAt;
                    channel.attr(WAITING).set(Boolean.TRUE);
                    channel.writeAndFlush(request(path, body));
                }
            });
            next += interval;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (Channel channel : channels) {
            channel.close();
        }
        long unanswered = outstanding.get();
        Map<String, Long> seen = loop.submit(() -> {
            Map<String, Long> all = new TreeMap<>(failures);
            if (unanswered > 0) {
                all.put("unanswered", unanswered);
                for (Channel channel : channels) {
                    long sentFor = channel.attr(INTENDED).get()[0];
                    if (channel.attr(WAITING).get() != null) {
                        printFailure(String.format("unanswered: intended %.3f s into the window, connection %s",
                                (sentFor - start) / 1e9, channel.isActive() ? "open" : "closed"));
                    }
                }
            }
            return Map.copyOf(all);
        }).sync().getNow();
        return new Result(ok[0], failed[0] + unanswered, durationMillis / 1000.0, latencies, seen);
    }

    /** The first response of each failed kind, and each unanswered request, so a failed window says what failed. */
    private static void printFailure(String text) {
        System.out.println("  first failure: " + (text.length() > 300 ? text.substring(0, 300) : text));
    }

    private static final io.netty.util.AttributeKey<Boolean> WAITING = io.netty.util.AttributeKey.valueOf("waiting");
    private static final io.netty.util.AttributeKey<long[]> INTENDED = io.netty.util.AttributeKey.valueOf("intended");

    private Channel connect(EventLoop loop, BiConsumer<ChannelHandlerContext, FullHttpResponse> onResponse)
            throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(1 << 20))
                                .addLast(new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                                        onResponse.accept(ctx, response);
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close();
                                    }
                                });
                    }
                });
        return bootstrap.connect(host, port).sync().channel();
    }

    private FullHttpRequest request(String path, byte[] body) {
        ByteBuf content = Unpooled.wrappedBuffer(body);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, content);
        request.headers()
                .set(HttpHeaderNames.HOST, host + ":" + port)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        return request;
    }

    static String text(FullHttpResponse response) {
        return response.content().toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
