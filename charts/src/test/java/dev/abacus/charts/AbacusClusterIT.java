package dev.abacus.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole platform on a real cluster: the four images imported into k3s, the operator chart installed with
 * Helm, a development Kafka and a pipeline applied with the client, commands sent through the commander
 * Service, values read from the view Service, and a blue-green view rebuild watched until the switch.
 *
 * <p>Needs a Docker engine (skipped without one) and the image tarballs of {@code mvn -Pimages package}
 * (skipped without them); k3s pulls {@code apache/kafka} from Docker Hub.
 */
@Testcontainers(disabledWithoutDocker = true)
class AbacusClusterIT {

  private static final List<String> COMPONENTS = List.of("operator", "commander", "processor", "view");
  private static final String PIPELINE_NAMESPACE = "default";
  private static final Duration ROLLOUT = Duration.ofMinutes(6);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Container
  static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.33.4-k3s1"));

  static KubernetesClient client;
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void installAbacus() throws Exception {
    List<Path> images = COMPONENTS.stream()
        .map(c -> Charts.MODULE_DIR.getParent().resolve(c).resolve("target/jib-image.tar")).toList();
    assumeTrue(images.stream().allMatch(Files::isRegularFile),
        "image tarballs missing; build them first: mvn -Pimages package -DskipTests -pl operator,commander,processor,view");
    for (Path image : images) {
      String inContainer = "/tmp/" + image.getParent().getParent().getFileName() + ".tar";
      K3S.copyFileToContainer(MountableFile.forHostPath(image), inContainer);
      var imported = K3S.execInContainer("ctr", "-n", "k8s.io", "images", "import", inContainer);
      assertThat(imported.getExitCode()).as(imported.getStderr()).isZero();
    }
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();

    new Helm(Charts.OPERATOR_CHART).install()
        .withName(Charts.RELEASE)
        .withNamespace(Charts.NAMESPACE)
        .createNamespace()
        .withKubeConfigContents(K3S.getKubeConfigYaml())
        .set("image.pullPolicy", "Never")
        .waitReady()
        .withTimeout((int) ROLLOUT.toSeconds())
        .call();

    applyExample("kafka-dev.yaml");
    await().atMost(ROLLOUT).pollInterval(Duration.ofSeconds(2)).until(() -> ready("kafka"));
    applyExample("minimal-pipeline.yaml");
  }

  @AfterAll
  static void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void pipelineServesCommandsAndSurvivesABlueGreenRebuild() throws Exception {
    await().atMost(ROLLOUT).pollInterval(Duration.ofSeconds(2))
        .until(() -> "True".equals(condition(pipeline().get(), "Ready")));

    String valueId;
    try (LocalPortForward commander = forward(endpointService("commander"))) {
      JsonNode created = send(commander, "POST", "/values", "{\"value\": 3}");
      valueId = text(created, "value_id", "valueId");
      send(commander, "PUT", "/values/" + valueId, "{\"operation\": \"MULTIPLY\", \"value\": 3}");
    }
    awaitViewValue(valueId, 9.0);

    long activeBefore = ((Number) pipeline().get().get("status", "view", "activeGeneration")).longValue();
    String viewService = endpointService("view");
    List<String> emptyEndpointMoments = new CopyOnWriteArrayList<>();
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleAtFixedRate(() -> {
      Endpoints endpoints = client.endpoints().inNamespace(PIPELINE_NAMESPACE).withName(viewService).get();
      boolean serving = endpoints != null && endpoints.getSubsets().stream().map(EndpointSubset::getAddresses)
          .anyMatch(addresses -> addresses != null && !addresses.isEmpty());
      if (!serving) {
        emptyEndpointMoments.add(java.time.Instant.now().toString());
      }
    }, 0, 250, TimeUnit.MILLISECONDS);
    try {
      pipeline().edit(p -> {
        ((Map<String, Object>) ((Map<String, Object>) p.getAdditionalProperties().get("spec"))
            .computeIfAbsent("view", k -> new java.util.LinkedHashMap<String, Object>())).put("rebuild", "it-rebuild-1");
        return p;
      });
      await().atMost(ROLLOUT).pollInterval(Duration.ofSeconds(2)).until(() -> {
        GenericKubernetesResource current = pipeline().get();
        Number active = current.get("status", "view", "activeGeneration");
        return active != null && active.longValue() > activeBefore
            && "Stable".equals(current.get("status", "view", "phase"));
      });
    } finally {
      watcher.shutdownNow();
    }

    assertThat(emptyEndpointMoments).as("moments the view Service had no ready endpoint").isEmpty();
    awaitViewValue(valueId, 9.0);
  }

  private static void awaitViewValue(String valueId, double expected) {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
      try (LocalPortForward view = forward(endpointService("view"))) {
        JsonNode value = send(view, "GET", "/values/" + valueId, null);
        assertThat(value.path("value").asDouble()).isEqualTo(expected);
      }
    });
  }

  private static JsonNode send(LocalPortForward forward, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + forward.getLocalPort() + path
            + (body != null ? "?wait=10s" : "")))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private static LocalPortForward forward(String service) {
    return client.services().inNamespace(PIPELINE_NAMESPACE).withName(service).portForward(8080);
  }

  /** The Service named in status.endpoints (e.g. http://demo-commander.default.svc:8080). */
  private static String endpointService(String component) {
    String url = pipeline().get().get("status", "endpoints", component);
    assertThat(url).as("status.endpoints." + component).isNotBlank();
    return URI.create(url).getHost().split("\\.")[0];
  }

  private static Resource<GenericKubernetesResource> pipeline() {
    return client.genericKubernetesResources("abacus.dev/v1alpha1", "CalculatorPipeline")
        .inNamespace(PIPELINE_NAMESPACE).withName("demo");
  }

  private static String condition(GenericKubernetesResource pipeline, String type) {
    List<Map<String, Object>> conditions = pipeline == null ? null : pipeline.get("status", "conditions");
    return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.get("type")))
        .map(c -> String.valueOf(c.get("status"))).findFirst().orElse(null);
  }

  private static boolean ready(String deployment) {
    var current = client.apps().deployments().inNamespace(PIPELINE_NAMESPACE).withName(deployment).get();
    return current != null && current.getStatus() != null && current.getStatus().getReadyReplicas() != null
        && current.getStatus().getReadyReplicas() >= 1;
  }

  private static void applyExample(String file) throws IOException {
    try (InputStream manifest = Files.newInputStream(Charts.EXAMPLES.resolve(file))) {
      client.load(manifest).inNamespace(PIPELINE_NAMESPACE).serverSideApply();
    }
  }

  private static String text(JsonNode node, String... names) {
    List<String> tried = new ArrayList<>();
    for (String name : names) {
      if (node.hasNonNull(name)) {
        return node.get(name).asText();
      }
      tried.add(name);
    }
    throw new AssertionError("none of " + tried + " in " + node);
  }
}
