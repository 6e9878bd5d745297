package dev.abacus.operator.resources;

import dev.abacus.operator.api.ViewStatus;

/**
 * What one reconcile decided: the resolved spec and the view state after this reconcile's rebuild step. Handed to
 * the dependent resources through the reconcile context.
 */
public record PipelinePlan(PipelineModel model, ViewStatus view, String viewTemplateHash) {
}
