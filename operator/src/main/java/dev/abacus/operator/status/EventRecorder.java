package dev.abacus.operator.status;

import dev.abacus.operator.api.CalculatorPipeline;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code events.k8s.io/v1} Events about a pipeline, so {@code kubectl describe calc} and {@code kubectl events}
 * tell what the operator did and why. A repeat of the same event (same pipeline, type, action, reason and note) within
 * {@link #SERIES_WINDOW} is counted in the first one's {@code series} instead of written anew, as client-go's recorder
 * does, so a retry loop does not flood the namespace.
 */
public final class EventRecorder {

    /** Normal or Warning, as Kubernetes defines Event types. */
    public enum Type {
        Normal,
        Warning
    }

    /** What the operator was doing when it recorded the event (the Event's {@code action}). */
    public enum Action {
        Reconcile,
        ValidateSpec,
        UpdateTopics,
        Rebuild,
        Cleanup
    }

    public static final String REPORTING_CONTROLLER = "abacus.dev/operator";
    /** client-go's event series window: an isomorphic event within it is a repeat. */
    static final Duration SERIES_WINDOW = Duration.ofMinutes(6);
    private static final int MAX_TRACKED_SERIES = 4096;
    private static final int MAX_NOTE = 1024;
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private record SeriesKey(String namespace, String uid, Type type, Action action, String reason, String note) {
    }

    private record Series(Event event, int count, Instant lastObserved) {
    }

    private final KubernetesClient client;
    private final String instance;
    private final Clock clock;
    private final Map<SeriesKey, Series> series = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SeriesKey, Series> eldest) {
            return size() > MAX_TRACKED_SERIES;
        }
    };

    public EventRecorder(KubernetesClient client, String instance) {
        this(client, instance, Clock.systemUTC());
    }

    public EventRecorder(KubernetesClient client, String instance, Clock clock) {
        this.client = client;
        this.instance = instance;
        this.clock = clock;
    }

    public void record(CalculatorPipeline pipeline, Type type, Action action, String reason, String message) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String note = message == null ? "" : message.length() > MAX_NOTE ? message.substring(0, MAX_NOTE) : message;
        String namespace = pipeline.getMetadata().getNamespace();
        SeriesKey key = new SeriesKey(namespace, pipeline.getMetadata().getUid(), type, action, reason, note);
        try {
            synchronized (series) {
                Series seen = series.get(key);
                if (seen != null && Duration.between(seen.lastObserved(), now).compareTo(SERIES_WINDOW) <= 0
                        && repeat(namespace, seen, now)) {
                    series.put(key, new Series(seen.event(), seen.count() + 1, now));
                    return;
                }
                Event created = client.events().v1().events().inNamespace(namespace)
                        .resource(event(pipeline, type, action, reason, note, now)).create();
                series.put(key, new Series(created, 1, now));
            }
        } catch (KubernetesClientException e) {
            LOG.warn("Cannot record event {} for {}/{}: {}", reason, namespace, pipeline.getMetadata().getName(),
                    e.getMessage());
        }
    }

    /** Counts a repeat in the existing Event; false when that Event is gone (expired), so a new one is written. */
    private boolean repeat(String namespace, Series seen, Instant now) {
        String patch = SERIALIZATION.asJson(Map.of("series", Map.of("count", seen.count() + 1,
                "lastObservedTime", MICRO_TIME.format(now))));
        try {
            // on the Event as created: a patch by name alone makes fabric8 GET it first, which the RBAC need not allow
            client.events().v1().events().inNamespace(namespace).resource(seen.event())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private Event event(CalculatorPipeline pipeline, Type type, Action action, String reason, String note,
                        Instant now) {
        return new EventBuilder()
                .withNewMetadata()
                .withName(pipeline.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
                        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)))
                .withNamespace(pipeline.getMetadata().getNamespace())
                .endMetadata()
                .withRegarding(new ObjectReferenceBuilder()
                        .withApiVersion(pipeline.getApiVersion())
                        .withKind(pipeline.getKind())
                        .withName(pipeline.getMetadata().getName())
                        .withNamespace(pipeline.getMetadata().getNamespace())
                        .withUid(pipeline.getMetadata().getUid())
                        .withResourceVersion(pipeline.getMetadata().getResourceVersion())
                        .build())
                .withType(type.name())
                .withAction(action.name())
                .withReason(reason)
                .withNote(note)
                .withEventTime(new MicroTime(MICRO_TIME.format(now)))
                .withReportingController(REPORTING_CONTROLLER)
                .withReportingInstance(instance)
                .build();
    }
}
