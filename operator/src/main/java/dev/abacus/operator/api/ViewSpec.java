package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The view Deployment settings plus what drives blue-green rebuilds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ViewSpec extends ComponentSpec {

    @JsonPropertyDescription("Rebuild trigger. Any new value starts a blue-green rebuild: a new view generation "
            + "replays the event log from the start and takes over the view Service once it has caught up. "
            + "A change of the view's image, resources, env or of spec.auth triggers a rebuild as well; replicas do not.")
    private String rebuild;

    @JsonPropertyDescription("Timing of blue-green rebuilds.")
    private RebuildPolicy rebuildPolicy = new RebuildPolicy();

    public String getRebuild() {
        return rebuild;
    }

    public void setRebuild(String rebuild) {
        this.rebuild = rebuild;
    }

    public RebuildPolicy getRebuildPolicy() {
        return rebuildPolicy;
    }

    public void setRebuildPolicy(RebuildPolicy rebuildPolicy) {
        this.rebuildPolicy = rebuildPolicy;
    }
}
