package dev.abacus.operator;

import dev.abacus.operator.api.CalculatorPipeline;
import dev.abacus.operator.api.CalculatorPipelineSpec;
import dev.abacus.operator.api.CalculatorPipelineStatus;
import dev.abacus.operator.api.Condition;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.DeletionPolicy;
import dev.abacus.operator.api.JsonNames;
import dev.abacus.operator.api.TopicsSpec;
import dev.abacus.operator.api.ViewSpec;
import dev.abacus.operator.api.ViewStatus;
import dev.abacus.operator.kafka.KafkaSettingsException;
import dev.abacus.operator.kafka.Problem;
import dev.abacus.operator.kafka.RetryBackoff;
import dev.abacus.operator.kafka.TopicsDependentResource;
import dev.abacus.operator.kafka.TopicRole;
import dev.abacus.operator.kafka.TopicsOutcome;
import dev.abacus.operator.resources.AuthSecrets;
import dev.abacus.operator.resources.Component;
import dev.abacus.operator.resources.DeploymentDependentResource;
import dev.abacus.operator.resources.DeploymentFactory;
import dev.abacus.operator.resources.PipelineModel;
import dev.abacus.operator.resources.PipelinePlan;
import dev.abacus.operator.resources.NetworkPolicyDependentResource;
import dev.abacus.operator.resources.ServiceAccountDependentResource;
import dev.abacus.operator.resources.ServiceDependentResource;
import dev.abacus.operator.status.Availability;
import dev.abacus.operator.status.EventRecorder;
import dev.abacus.operator.status.PipelineEvents;
import dev.abacus.operator.status.PipelineStatusFactory;
import dev.abacus.operator.api.ViewCopyProgress;
import dev.abacus.operator.view.RebuildTiming;
import dev.abacus.operator.view.CopyProgress;
import dev.abacus.operator.view.ViewObservation;
import dev.abacus.operator.view.ViewProgressPoller;
import dev.abacus.operator.view.ViewProgress;
import dev.abacus.operator.view.ViewProgressProbe;
import dev.abacus.operator.view.RebuildMetrics;
import dev.abacus.operator.view.ViewRebuild;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceUtils;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a {@link CalculatorPipeline}: topics first (through the Kafka Admin API), then one step of the view
 * rebuild, then ServiceAccounts (which the pods need before they are admitted), Deployments, Services and
 * NetworkPolicies, then status, with the view copies' progress as the
 * {@link ViewProgressPoller} last saw it. Kafka trouble becomes a condition and a retry with backoff; it never stops
 * the Kubernetes side from being reconciled.
 */
@ControllerConfiguration(name = CalculatorPipelineReconciler.NAME)
public class CalculatorPipelineReconciler implements Reconciler<CalculatorPipeline>, Cleaner<CalculatorPipeline> {

    public static final String NAME = "calculatorpipeline";

    private static final Logger LOG = LoggerFactory.getLogger(CalculatorPipelineReconciler.class);
    private static final Pattern NAME_RULE = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
    private static final int MAX_NAME = 50;
    private static final Duration MIN_RESCHEDULE = Duration.ofSeconds(1);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final OperatorConfig config;
    private final TopicsDependentResource topics;
    private final EventRecorder recorder;
    private final PipelineEvents events;
    private final RetryBackoff backoff;
    private final ViewProgressPoller progressPoller;
    private final RebuildMetrics rebuildMetrics;
    private final Clock clock;
    private final ServiceAccountDependentResource serviceAccounts = new ServiceAccountDependentResource();
    private final DeploymentDependentResource deployments = new DeploymentDependentResource();
    private final ServiceDependentResource services = new ServiceDependentResource();
    private final NetworkPolicyDependentResource networkPolicies = new NetworkPolicyDependentResource();

    public CalculatorPipelineReconciler(OperatorConfig config, TopicsDependentResource topics, EventRecorder events,
                                        ViewProgressProbe probe, RebuildMetrics rebuildMetrics, Clock clock) {
        this.config = config;
        this.topics = topics;
        this.recorder = events;
        this.events = new PipelineEvents(events);
        this.backoff = new RetryBackoff(config.kafkaRetry());
        this.progressPoller = new ViewProgressPoller(probe, config.viewProbeTimeout(), p -> PipelineModel.of(p, config),
                clock);
        this.rebuildMetrics = rebuildMetrics;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, CalculatorPipeline>> prepareEventSources(EventSourceContext<CalculatorPipeline> context) {
        List<EventSource<?, CalculatorPipeline>> sources = new ArrayList<>(
                EventSourceUtils.dependentEventSources(context, serviceAccounts, deployments, services,
                        networkPolicies));
        sources.add(progressPoller.eventSource(context, config.rebuildPollInterval()));
        return sources;
    }

    @Override
    public UpdateControl<CalculatorPipeline> reconcile(CalculatorPipeline pipeline, Context<CalculatorPipeline> context) {
        Instant now = clock.instant();
        Optional<String> invalidName = invalidName(pipeline.getMetadata().getName());
        if (invalidName.isPresent()) {
            refuse(pipeline, ConditionReason.INVALID_SPEC, invalidName.get(), context, now);
            return UpdateControl.noUpdate();
        }

        List<String> authConflicts = PipelineModel.authEnvConflicts(pipeline);
        if (!authConflicts.isEmpty()) {
            refuse(pipeline, ConditionReason.INVALID_SPEC, "spec.auth sets the commander's and the view's auth env, "
                    + "so the spec must not set it as well: remove " + String.join(", ", authConflicts)
                    + " (or spec.auth.mode, to configure auth through env)", context, now);
            return UpdateControl.noUpdate();
        }

        PipelineModel model = PipelineModel.of(pipeline, config);
        Optional<String> renamed = renamedTopics(pipeline, model);
        if (renamed.isPresent()) {
            refuse(pipeline, ConditionReason.TOPIC_RENAME_NOT_SUPPORTED, renamed.get(), context, now);
            return UpdateControl.noUpdate();
        }
        TopicsOutcome topicsOutcome = topics.reconcile(pipeline, model);
        Optional<Condition> auth = AuthSecrets.check(context.getClient(), model);
        RebuildTiming timing = RebuildTiming.of(Optional.ofNullable(pipeline.getSpec())
                .map(CalculatorPipelineSpec::getView).map(ViewSpec::getRebuildPolicy).orElse(null));
        PipelinePlan plan = plan(pipeline, model, timing, context, now);

        context.managedWorkflowAndDependentResourceContext().put(PipelinePlan.class, plan);
        serviceAccounts.reconcile(pipeline, context);
        deployments.reconcile(pipeline, context);
        services.reconcile(pipeline, context);
        networkPolicies.reconcile(pipeline, context);

        Map<String, Deployment> observed = deployments.getSecondaryResources(pipeline, context).values().stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d, (a, b) -> a, HashMap::new));
        reportProgress(plan.view(), context, now);
        CalculatorPipelineStatus status = PipelineStatusFactory.build(pipeline, model, topicsOutcome, auth, plan.view(),
                observed, now);
        events.afterReconcile(pipeline, status, topicsOutcome.actions());
        ViewStatus previousView = pipeline.getStatus() == null ? null : pipeline.getStatus().getView();
        patchStatus(pipeline, status, context);
        rebuildMetrics.stepped(key(pipeline), previousView, status.getView(), now);
        return UpdateControl.<CalculatorPipeline>noUpdate()
                .rescheduleAfter(nextReconcile(ResourceID.fromResource(pipeline),
                        topicsOutcome.retrySoon() || auth.map(c -> !c.isTrue()).orElse(false), plan.view(), timing, now));
    }

    @Override
    public ErrorStatusUpdateControl<CalculatorPipeline> updateErrorStatus(CalculatorPipeline pipeline,
                                                                         Context<CalculatorPipeline> context, Exception e) {
        LOG.warn("Reconciling {}/{} failed", pipeline.getMetadata().getNamespace(), pipeline.getMetadata().getName(), e);
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        return ErrorStatusUpdateControl.patchStatus(fresh(pipeline,
                PipelineStatusFactory.failed(pipeline, ConditionReason.RECONCILE_ERROR, message, clock.instant())));
    }

    @Override
    public DeleteControl cleanup(CalculatorPipeline pipeline, Context<CalculatorPipeline> context) {
        if (invalidName(pipeline.getMetadata().getName()).isEmpty()) {
            try {
                Optional<Problem> problem = topics.revokeAcls(pipeline, PipelineModel.of(pipeline, config));
                if (problem.isPresent()) {
                    recorder.record(pipeline, EventRecorder.Type.Warning, EventRecorder.Action.Cleanup, JsonNames.of(problem.get().reason()),
                            "cannot revoke the pipeline's Kafka ACLs yet, will retry: " + problem.get().message());
                    return DeleteControl.noFinalizerRemoval().rescheduleAfter(backoff.next(ResourceID.fromResource(pipeline)));
                }
            } catch (KafkaSettingsException e) {
                recorder.record(pipeline, EventRecorder.Type.Warning, EventRecorder.Action.Cleanup, JsonNames.of(e.reason()),
                        "Kafka ACLs kept: the Kafka settings do not allow revoking them: " + e.getMessage());
            }
        }
        DeletionPolicy policy = Optional.ofNullable(pipeline.getSpec()).map(CalculatorPipelineSpec::getTopics)
                .map(TopicsSpec::getDeletionPolicy).orElse(DeletionPolicy.RETAIN);
        if (policy == DeletionPolicy.DELETE && invalidName(pipeline.getMetadata().getName()).isEmpty()) {
            try {
                Optional<Problem> problem = topics.delete(pipeline, PipelineModel.of(pipeline, config));
                if (problem.isPresent()) {
                    recorder.record(pipeline, EventRecorder.Type.Warning, EventRecorder.Action.Cleanup, JsonNames.of(problem.get().reason()),
                            "cannot delete topics yet, will retry: " + problem.get().message());
                    return DeleteControl.noFinalizerRemoval().rescheduleAfter(backoff.next(ResourceID.fromResource(pipeline)));
                }
            } catch (KafkaSettingsException e) {
                recorder.record(pipeline, EventRecorder.Type.Warning, EventRecorder.Action.Cleanup, JsonNames.of(e.reason()),
                        "topics kept: the Kafka settings do not allow deleting them: " + e.getMessage());
            }
        }
        topics.release(pipeline);
        backoff.reset(ResourceID.fromResource(pipeline));
        rebuildMetrics.removed(key(pipeline));
        return DeleteControl.defaultDelete();
    }

    /** Reports a spec the operator will not act on; nothing else is changed until the spec is fixed. */
    private void refuse(CalculatorPipeline pipeline, ConditionReason reason, String message,
                        Context<CalculatorPipeline> context, Instant now) {
        CalculatorPipelineStatus status = PipelineStatusFactory.failed(pipeline, reason, message, now);
        status.setObservedGeneration(pipeline.getMetadata().getGeneration());
        events.rejected(pipeline, status.getConditions().get(0));
        patchStatus(pipeline, status, context);
    }

    /**
     * Topics already in use keep their names: a new name would point every service at a new, empty topic. The CRD's
     * rules reject such an edit; this catches what an older CRD let through.
     */
    static Optional<String> renamedTopics(CalculatorPipeline pipeline, PipelineModel model) {
        if (pipeline.getStatus() == null || pipeline.getStatus().getTopics() == null) {
            return Optional.empty();
        }
        Map<String, String> desired = Map.of(TopicRole.COMMANDS.id(), model.topics().commands(),
                TopicRole.EVENTS.id(), model.topics().events(),
                TopicRole.OUTCOMES.id(), model.topics().outcomes(),
                TopicRole.SNAPSHOTS.id(), model.topics().snapshots());
        List<String> renamed = pipeline.getStatus().getTopics().stream()
                .filter(t -> t.getRole() != null && t.getName() != null && desired.containsKey(t.getRole())
                        && !t.getName().equals(desired.get(t.getRole())))
                .map(t -> t.getRole() + " topic " + t.getName() + " -> " + desired.get(t.getRole()))
                .toList();
        return renamed.isEmpty() ? Optional.empty() : Optional.of("topic names cannot change once the topics exist ("
                + String.join(", ", renamed) + "); restore the old names: a new name would switch the pipeline to a "
                + "new, empty topic");
    }

    /** One step of the view rebuild, taken on what the informers currently show. */
    private PipelinePlan plan(CalculatorPipeline pipeline, PipelineModel model, RebuildTiming timing,
                              Context<CalculatorPipeline> context, Instant now) {
        String viewHash = DeploymentFactory.viewTemplateHash(model);
        Map<Integer, Boolean> available = deployments.viewDeployments(pipeline, context).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey,
                        e -> Availability.of(e.getValue(), model.view().replicas()).complete()));
        String token = Optional.ofNullable(pipeline.getSpec()).map(CalculatorPipelineSpec::getView)
                .map(ViewSpec::getRebuild).orElse(null);
        ViewObservation seen = new ViewObservation(viewHash, token, available,
                services.viewServiceGeneration(pipeline, context, model.serviceName(Component.VIEW)),
                abortGeneration(pipeline));
        ViewStatus previous = pipeline.getStatus() == null ? null : pipeline.getStatus().getView();
        return new PipelinePlan(model, ViewRebuild.step(previous, seen, timing, now), viewHash);
    }

    /** The generation {@link CalculatorPipeline#ABORT_REBUILD_ANNOTATION} names; anything but a number names none. */
    static Integer abortGeneration(CalculatorPipeline pipeline) {
        String value = Optional.ofNullable(pipeline.getMetadata().getAnnotations())
                .map(a -> a.get(CalculatorPipeline.ABORT_REBUILD_ANNOTATION)).map(String::trim).orElse("");
        try {
            return value.isEmpty() ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * While a rebuild runs, reports what the active and the target copy last said about their replay, as the
     * {@link ViewProgressPoller} cached it; a copy not asked yet is reported as unknown.
     */
    private static void reportProgress(ViewStatus view, Context<CalculatorPipeline> context, Instant now) {
        List<Integer> generations = ViewProgressPoller.generationsToProbe(view);
        if (generations.isEmpty()) {
            return;
        }
        Map<Integer, CopyProgress> polled = context.getSecondaryResources(CopyProgress.class).stream()
                .collect(Collectors.toMap(CopyProgress::generation, p -> p, (a, b) -> b));
        view.setActiveProgress(progress(view.getActiveGeneration(), polled, now));
        view.setTargetProgress(generations.size() > 1 ? progress(generations.get(1), polled, now) : null);
    }

    private static ViewCopyProgress progress(int generation, Map<Integer, CopyProgress> polled, Instant now) {
        CopyProgress copy = polled.get(generation);
        return copy == null
                ? PipelineStatusFactory.progress(generation, ViewProgress.unknown("not asked yet"), now)
                : PipelineStatusFactory.progress(generation, copy.progress(), copy.observedAt());
    }

    /** @param retrySoon Kafka or a referenced Secret is not there yet: look again with backoff */
    private Duration nextReconcile(ResourceID id, boolean retrySoon, ViewStatus view, RebuildTiming timing,
                                   Instant now) {
        Duration next;
        if (retrySoon) {
            next = backoff.next(id);
        } else {
            backoff.reset(id);
            next = config.resyncInterval();
        }
        Optional<Duration> due = ViewRebuild.nextDeadline(view, timing, now);
        if (due.isPresent()) {
            next = min(next, due.get().plusMillis(200));
        }
        return next.compareTo(MIN_RESCHEDULE) < 0 ? MIN_RESCHEDULE : next;
    }

    private void patchStatus(CalculatorPipeline pipeline, CalculatorPipelineStatus status,
                             Context<CalculatorPipeline> context) {
        if (pipeline.getStatus() != null
                && SERIALIZATION.asJson(pipeline.getStatus()).equals(SERIALIZATION.asJson(status))) {
            return;
        }
        if (config.serverSideApply()) {
            PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(pipeline, fresh(pipeline, status), context);
        } else {
            PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(pipeline, context, p -> {
                p.setStatus(status);
                return p;
            });
        }
    }

    private static CalculatorPipeline fresh(CalculatorPipeline pipeline, CalculatorPipelineStatus status) {
        CalculatorPipeline fresh = new CalculatorPipeline();
        fresh.setMetadata(new ObjectMetaBuilder()
                .withName(pipeline.getMetadata().getName())
                .withNamespace(pipeline.getMetadata().getNamespace())
                .build());
        fresh.setStatus(status);
        return fresh;
    }

    static Optional<String> invalidName(String name) {
        if (name.length() > MAX_NAME || !NAME_RULE.matcher(name).matches()) {
            return Optional.of("pipeline name '" + name + "' must be a DNS label of at most " + MAX_NAME
                    + " characters starting with a letter: it prefixes Service names");
        }
        return Optional.empty();
    }

    private static String key(CalculatorPipeline pipeline) {
        return pipeline.getMetadata().getNamespace() + "/" + pipeline.getMetadata().getName();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
