package dev.abacus.support.http.limits;

import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;

/** Puts the {@link ConnectionCap} on every listener of a server and a {@link HeaderTimeout} on each HTTP/1 connection. */
final class HttpLimitsCustomizer implements NettyServerCustomizer {

    private final ConnectionCap cap;
    private final Duration headerTimeout;

    HttpLimitsCustomizer(ConnectionCap cap, Duration headerTimeout) {
        this.cap = cap;
        this.headerTimeout = headerTimeout;
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
        return switch (role) {
            case LISTENER -> {
                cap.watch(channel);
                yield this;
            }
            case CONNECTION -> new Connection(channel.pipeline());
            default -> this;
        };
    }

    private final class Connection implements NettyServerCustomizer {
        private final ChannelPipeline pipeline;

        Connection(ChannelPipeline pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && pipeline.get(HeaderTimeout.NAME) == null) {
                pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HeaderTimeout.NAME,
                        new HeaderTimeout(headerTimeout));
            }
        }
    }
}
