package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** In-cluster URLs of the pipeline's HTTP services. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Endpoints {

    @JsonPropertyDescription("Commander URL: where clients send commands.")
    private String commander;

    @JsonPropertyDescription("View URL: where clients query values. Always points at the active view generation.")
    private String view;

    @JsonPropertyDescription("Processor URL (health and metrics only).")
    private String processor;

    public String getCommander() {
        return commander;
    }

    public void setCommander(String commander) {
        this.commander = commander;
    }

    public String getView() {
        return view;
    }

    public void setView(String view) {
        this.view = view;
    }

    public String getProcessor() {
        return processor;
    }

    public void setProcessor(String processor) {
        this.processor = processor;
    }
}
