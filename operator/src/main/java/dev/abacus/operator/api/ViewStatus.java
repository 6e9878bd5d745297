package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The view's generations and the state of the blue-green rebuild, which the operator keeps here between steps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ViewStatus extends ComponentStatus {

    public static final int HISTORY_LIMIT = 10;

    @JsonPropertyDescription("Generation the view Service selects: the one answering queries.")
    private Integer activeGeneration;

    @JsonPropertyDescription("Hash of the active generation's pod template and rebuild token.")
    private String activeTemplateHash;

    @JsonPropertyDescription("Generation being built by the current or last aborted rebuild.")
    private Integer targetGeneration;

    @JsonPropertyDescription("Hash of the target generation's pod template and rebuild token.")
    private String targetTemplateHash;

    @JsonPropertyDescription("Generation that served before the last switch; set while it drains.")
    private Integer previousGeneration;

    @JsonPropertyDescription("Highest generation number ever used; generation numbers are never reused.")
    private Integer latestGeneration;

    @JsonPropertyDescription("Rebuild phase: Stable, Provisioning, CatchingUp, Switching, Draining or Aborted.")
    private ViewPhase phase;

    @JsonPropertyDescription("When the current phase began (RFC 3339).")
    private String phaseSince;

    @JsonPropertyDescription("When the current rebuild began (RFC 3339); the deadline counts from here.")
    private String rebuildStartedAt;

    @JsonPropertyDescription("Since when the target generation has been fully available without interruption.")
    private String targetAvailableSince;

    @JsonPropertyDescription("spec.view.rebuild when the current rebuild started.")
    private String rebuildTrigger;

    @JsonPropertyDescription("Finished rebuilds, newest first, at most " + ViewStatus.HISTORY_LIMIT + ".")
    private List<RebuildRecord> history;

    @JsonPropertyDescription("Human-readable state of the rebuild.")
    private String message;

    @JsonPropertyDescription("Replay progress of the active generation, probed while a rebuild is under way.")
    private ViewCopyProgress activeProgress;

    @JsonPropertyDescription("Replay progress (lag, events applied, caught up) of the generation being built, probed "
            + "while it is Provisioning or CatchingUp.")
    private ViewCopyProgress targetProgress;

    public Integer getActiveGeneration() {
        return activeGeneration;
    }

    public void setActiveGeneration(Integer activeGeneration) {
        this.activeGeneration = activeGeneration;
    }

    public String getActiveTemplateHash() {
        return activeTemplateHash;
    }

    public void setActiveTemplateHash(String activeTemplateHash) {
        this.activeTemplateHash = activeTemplateHash;
    }

    public Integer getTargetGeneration() {
        return targetGeneration;
    }

    public void setTargetGeneration(Integer targetGeneration) {
        this.targetGeneration = targetGeneration;
    }

    public String getTargetTemplateHash() {
        return targetTemplateHash;
    }

    public void setTargetTemplateHash(String targetTemplateHash) {
        this.targetTemplateHash = targetTemplateHash;
    }

    public Integer getPreviousGeneration() {
        return previousGeneration;
    }

    public void setPreviousGeneration(Integer previousGeneration) {
        this.previousGeneration = previousGeneration;
    }

    public Integer getLatestGeneration() {
        return latestGeneration;
    }

    public void setLatestGeneration(Integer latestGeneration) {
        this.latestGeneration = latestGeneration;
    }

    public ViewPhase getPhase() {
        return phase;
    }

    public void setPhase(ViewPhase phase) {
        this.phase = phase;
    }

    public String getPhaseSince() {
        return phaseSince;
    }

    public void setPhaseSince(String phaseSince) {
        this.phaseSince = phaseSince;
    }

    public String getRebuildStartedAt() {
        return rebuildStartedAt;
    }

    public void setRebuildStartedAt(String rebuildStartedAt) {
        this.rebuildStartedAt = rebuildStartedAt;
    }

    public String getTargetAvailableSince() {
        return targetAvailableSince;
    }

    public void setTargetAvailableSince(String targetAvailableSince) {
        this.targetAvailableSince = targetAvailableSince;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public ViewCopyProgress getActiveProgress() {
        return activeProgress;
    }

    public void setActiveProgress(ViewCopyProgress activeProgress) {
        this.activeProgress = activeProgress;
    }

    public ViewCopyProgress getTargetProgress() {
        return targetProgress;
    }

    public void setTargetProgress(ViewCopyProgress targetProgress) {
        this.targetProgress = targetProgress;
    }

    public String getRebuildTrigger() {
        return rebuildTrigger;
    }

    public void setRebuildTrigger(String rebuildTrigger) {
        this.rebuildTrigger = rebuildTrigger;
    }

    public List<RebuildRecord> getHistory() {
        return history;
    }

    public void setHistory(List<RebuildRecord> history) {
        this.history = history;
    }
}
