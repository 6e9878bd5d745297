package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Windows and deadline of a blue-green view rebuild. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RebuildPolicy {

    public static final int DEFAULT_STABILISATION_SECONDS = 30;
    public static final int DEFAULT_DRAIN_SECONDS = 30;
    public static final int DEFAULT_DEADLINE_SECONDS = 3600;

    @Min(0)
    @Default("30")
    @JsonPropertyDescription("How long the new generation must stay fully available before the view Service "
            + "switches to it.")
    private Integer stabilisationSeconds = DEFAULT_STABILISATION_SECONDS;

    @Min(0)
    @Default("30")
    @JsonPropertyDescription("How long the old generation keeps running after the switch, so in-flight queries finish.")
    private Integer drainSeconds = DEFAULT_DRAIN_SECONDS;

    @Min(1)
    @Default("3600")
    @JsonPropertyDescription("If the new generation has not switched over this long after the rebuild started, the "
            + "rebuild is aborted: the new generation is removed and the old one keeps serving.")
    private Integer deadlineSeconds = DEFAULT_DEADLINE_SECONDS;

    public Integer getStabilisationSeconds() {
        return stabilisationSeconds;
    }

    public void setStabilisationSeconds(Integer stabilisationSeconds) {
        this.stabilisationSeconds = stabilisationSeconds;
    }

    public Integer getDrainSeconds() {
        return drainSeconds;
    }

    public void setDrainSeconds(Integer drainSeconds) {
        this.drainSeconds = drainSeconds;
    }

    public Integer getDeadlineSeconds() {
        return deadlineSeconds;
    }

    public void setDeadlineSeconds(Integer deadlineSeconds) {
        this.deadlineSeconds = deadlineSeconds;
    }
}
