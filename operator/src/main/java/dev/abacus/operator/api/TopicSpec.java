package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** One topic: its name and its topic-level Kafka configuration. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class TopicSpec {

    @Pattern("^[a-zA-Z0-9._-]{1,249}$")
    @JsonPropertyDescription("Topic name. Defaults to <pipeline>.<role>. Immutable: once the pipeline exists, its effective "
            + "name (explicit or default) cannot change.")
    private String name;

    @JsonPropertyDescription("Topic-level Kafka configuration (e.g. retention.ms, min.insync.replicas). The operator "
            + "keeps the topic's overrides exactly in line with this map: values that drift are reset and overrides "
            + "not listed here are removed.")
    private Map<String, String> config = new LinkedHashMap<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Map<String, String> getConfig() {
        return config;
    }

    public void setConfig(Map<String, String> config) {
        this.config = config;
    }
}
