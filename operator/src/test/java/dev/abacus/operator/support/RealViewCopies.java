package dev.abacus.operator.support;

import dev.abacus.operator.resources.Component;
import dev.abacus.operator.resources.Labels;
import dev.abacus.operator.view.HttpViewProgressProbe;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The real view service, one instance per view Deployment the operator creates, configured from that Deployment's
 * environment (the operator's env contract) and replaying the pipeline's events topic on the test broker. kwok runs no
 * containers, so the instances run in the test JVM; the probe resolves a generation's Service to its local address.
 */
public final class RealViewCopies implements ViewCopies {

    private static final URI NOWHERE = URI.create("http://127.0.0.1:9/view/status");

    private final Map<String, EmbeddedServer> copies = new ConcurrentHashMap<>();
    private final ExecutorService starter = Executors.newSingleThreadExecutor();
    private final Watch watch;

    RealViewCopies(KubernetesClient client, String namespace) {
        this.watch = client.apps().deployments().inNamespace(namespace)
                .withLabel(Labels.COMPONENT, Component.VIEW.id()).watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Deployment deployment) {
                        String name = deployment.getMetadata().getName();
                        if (action == Action.ADDED) {
                            starter.execute(() -> copies.computeIfAbsent(name, n -> start(deployment)));
                        } else if (action == Action.DELETED) {
                            starter.execute(() -> Optional.ofNullable(copies.remove(name))
                                    .ifPresent(EmbeddedServer::close));
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
    }

    @Override
    public HttpViewProgressProbe probe(Duration timeout) {
        return new HttpViewProgressProbe(copy -> Optional.ofNullable(copies.get(copy.serviceName()))
                .map(server -> server.getURI().resolve("/view/status")).orElse(NOWHERE), timeout);
    }

    /** The running copy behind a view Deployment, for a test to query as a client would. */
    public Optional<URI> address(String deployment) {
        return Optional.ofNullable(copies.get(deployment)).map(EmbeddedServer::getURI);
    }

    private static EmbeddedServer start(Deployment deployment) {
        List<EnvVar> env = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        Map<String, String> values = env.stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b));
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("abacus.kafka.bootstrap-servers", required(values, "ABACUS_KAFKA_BOOTSTRAP_SERVERS"));
        properties.put("abacus.topics.commands", required(values, "ABACUS_TOPICS_COMMANDS"));
        properties.put("abacus.topics.events", required(values, "ABACUS_TOPICS_EVENTS"));
        properties.put("abacus.topics.outcomes", required(values, "ABACUS_TOPICS_OUTCOMES"));
        properties.put("abacus.view.generation", required(values, "ABACUS_VIEW_GENERATION"));
        return ApplicationContext.run(EmbeddedServer.class, properties, "view");
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null) {
            throw new IllegalStateException("the operator's view Deployment lacks " + name + ": " + env.keySet());
        }
        return value;
    }

    @Override
    public void close() {
        watch.close();
        starter.shutdownNow();
        copies.values().forEach(EmbeddedServer::close);
        copies.clear();
    }
}
