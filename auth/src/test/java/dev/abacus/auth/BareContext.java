package dev.abacus.auth;

import dev.abacus.contract.PipelineTopics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.util.HashMap;
import java.util.Map;

/** A context with auth's beans and the settings service-support demands at start, and no HTTP server. */
final class BareContext {

    private BareContext() {}

    static ApplicationContext start(PropertySource... sources) {
        Map<String, Object> required = new HashMap<>(PipelineTopics.properties("commands", "events", "outcomes"));
        required.put("abacus.kafka.bootstrap-servers", "127.0.0.1:9");
        return ApplicationContext.builder()
                .propertySources(PropertySource.of("required", required, PropertySource.PropertyConvention.JAVA_PROPERTIES))
                .propertySources(sources)
                .start();
    }

    static ApplicationContext start(Map<String, Object> properties) {
        return start(PropertySource.of("test", properties));
    }
}
