package dev.abacus.support.http.limits;

import com.sun.management.UnixOperatingSystemMXBean;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the {@link HttpLimits} with the Netty HTTP server before it binds. */
@Singleton
final class HttpLimitsRegistrar implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpLimitsRegistrar.class);

    private final HttpLimits limits;

    HttpLimitsRegistrar(HttpLimits limits) {
        this.limits = limits;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        OptionalLong descriptors = fileDescriptorLimit();
        ConnectionCap cap = new ConnectionCap(limits.connectionCap(descriptors));
        LOG.info("HTTP: at most {} connections (max-connections {}, file descriptors {}), request heads within {}",
                cap.cap(), limits.maxConnections(),
                descriptors.isPresent() ? String.valueOf(descriptors.getAsLong()) : "unknown", limits.headerTimeout());
        event.getBean().register(new HttpLimitsCustomizer(cap, limits.headerTimeout()));
        return event.getBean();
    }

    static OptionalLong fileDescriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return OptionalLong.of(unix.getMaxFileDescriptorCount());
        }
        return OptionalLong.empty();
    }
}
