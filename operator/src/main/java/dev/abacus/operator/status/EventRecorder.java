package dev.abacus.operator.status;

import dev.abacus.operator.api.CalculatorPipeline;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes core/v1 Events about a pipeline, so `kubectl describe calc` tells what the operator did and why. */
public final class EventRecorder {

    /** Normal or Warning, as Kubernetes defines Event types. */
    public enum Type {
        Normal,
        Warning
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;
    private final String instance;

    public EventRecorder(KubernetesClient client, String instance) {
        this.client = client;
        this.instance = instance;
    }

    public void record(CalculatorPipeline pipeline, Type type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String text = message == null ? "" : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(pipeline.getMetadata().getName() + "." + Long.toHexString(System.nanoTime())
                        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000)))
                .withNamespace(pipeline.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(pipeline.getApiVersion())
                        .withKind(pipeline.getKind())
                        .withName(pipeline.getMetadata().getName())
                        .withNamespace(pipeline.getMetadata().getNamespace())
                        .withUid(pipeline.getMetadata().getUid())
                        .withResourceVersion(pipeline.getMetadata().getResourceVersion())
                        .build())
                .withType(type.name())
                .withReason(reason)
                .withMessage(text)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent("abacus-operator").endSource()
                .withReportingComponent("abacus.dev/operator")
                .withReportingInstance(instance)
                .build();
        try {
            client.v1().events().inNamespace(pipeline.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("Cannot record event {} for {}/{}: {}", reason, pipeline.getMetadata().getNamespace(),
                    pipeline.getMetadata().getName(), e.getMessage());
        }
    }
}
