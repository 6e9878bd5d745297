package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/** Settings shared by the commander, processor and view Deployments. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentSpec {

    @Min(0)
    @Default("1")
    @JsonPropertyDescription("Number of pods. Edit it to scale.")
    private Integer replicas = 1;

    @JsonPropertyDescription("Container image. Defaults to <registry>/<component>:<tag> from the operator's "
            + "ABACUS_IMAGE_REGISTRY and ABACUS_IMAGE_TAG settings.")
    private String image;

    @JsonPropertyDescription("Compute resource requests and limits of the service container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Extra environment variables of the service container. The Kafka and topic variables "
            + "the operator sets (ABACUS_KAFKA_*, ABACUS_TOPICS_*, ABACUS_VIEW_GENERATION, "
            + "ABACUS_PROCESSOR_INSTANCE_ID) cannot be overridden here. When spec.auth sets a mode, the commander's and "
            + "the view's env must not set ABACUS_AUTH_MODE, _TOKENS, _SECRET, _JWKS_URL, _ISSUER or _AUDIENCE "
            + "(Ready=False, InvalidSpec); without spec.auth they may.")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<EnvVar> env = new ArrayList<>();

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env;
    }
}
