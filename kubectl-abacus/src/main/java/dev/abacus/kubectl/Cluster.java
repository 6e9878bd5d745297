package dev.abacus.kubectl;

import dev.abacus.operator.api.CalculatorPipeline;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.util.Map;

/** The API server as kubectl would reach it (kubeconfig, context, namespace), and the pipeline asked for. */
final class Cluster implements AutoCloseable {

    /** The field manager of every write: {@code managedFields} shows what the plugin set. */
    static final String FIELD_MANAGER = "kubectl-abacus";

    private final KubernetesClient client;
    private final String namespace;

    private Cluster(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    static Cluster connect(Arguments arguments) throws UsageException {
        String context = arguments.context().orElse(null);
        Config config = arguments.kubeconfig().map(file -> Config.fromKubeconfig(context, file.toFile()))
                .orElseGet(() -> Config.autoConfigure(context));
        if (context != null && (config.getContexts() == null
                || config.getContexts().stream().noneMatch(named -> context.equals(named.getName())))) {
            throw new UsageException("context \"" + context + "\" does not exist");
        }
        // as kubectl: an unreachable server is reported at once, not after a series of retries
        config.setRequestRetryBackoffLimit(0);
        String namespace = arguments.namespace().orElseGet(() -> config.getNamespace() == null ? "default"
                : config.getNamespace());
        return new Cluster(new KubernetesClientBuilder().withConfig(config).build(), namespace);
    }

    /** What went wrong, in the words kubectl would use. */
    String describe(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IOException) {
            return "cannot reach the API server at " + client.getConfiguration().getMasterUrl() + " (" + cause + ")";
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + cause;
    }

    String namespace() {
        return namespace;
    }

    Resource<CalculatorPipeline> pipeline(String name) {
        return client.resources(CalculatorPipeline.class).inNamespace(namespace).withName(name);
    }

    /** The pipeline, or a {@link UsageException} saying it is not there. */
    CalculatorPipeline require(String name) throws UsageException {
        CalculatorPipeline pipeline = pipeline(name).get();
        if (pipeline == null) {
            throw new UsageException("calculatorpipeline \"" + name + "\" not found in namespace \"" + namespace + "\"");
        }
        return pipeline;
    }

    /** A JSON merge patch of exactly the fields in {@code patch}: nothing else of the resource is sent. */
    CalculatorPipeline mergePatch(String name, Map<String, Object> patch) {
        String json = client.getKubernetesSerialization().asJson(patch);
        return pipeline(name).patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
                .withFieldManager(FIELD_MANAGER).build(), json);
    }

    @Override
    public void close() {
        client.close();
    }
}
