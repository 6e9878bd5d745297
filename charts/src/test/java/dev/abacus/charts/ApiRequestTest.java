package dev.abacus.charts;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(crud = true)
class ApiRequestTest {

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void parsesRequestLinesTheWayRbacNamesThem() {
    assertThat(ApiRequest.of("GET", "/apis/apps/v1/namespaces/demo/deployments/x")).contains(
        new ApiRequest("apps", "deployments", "demo", "get"));
    assertThat(ApiRequest.of("GET", "/apis/abacus.dev/v1alpha1/calculatorpipelines?watch=true&resourceVersion=1"))
        .contains(new ApiRequest("abacus.dev", "calculatorpipelines", null, "watch"));
    assertThat(ApiRequest.of("GET", "/api/v1/namespaces/demo/services?labelSelector=a%3Db"))
        .contains(new ApiRequest("", "services", "demo", "list"));
    assertThat(ApiRequest.of("PATCH", "/apis/abacus.dev/v1alpha1/namespaces/demo/calculatorpipelines/p/status"))
        .contains(new ApiRequest("abacus.dev", "calculatorpipelines/status", "demo", "patch"));
    assertThat(ApiRequest.of("DELETE", "/api/v1/namespaces/demo/configmaps"))
        .contains(new ApiRequest("", "configmaps", "demo", "deletecollection"));
    assertThat(ApiRequest.of("GET", "/api/v1/namespaces/demo")).contains(new ApiRequest("", "namespaces", null, "get"));
    assertThat(ApiRequest.of("GET", "/apis")).isEmpty();
    assertThat(ApiRequest.of("GET", "/apis/apps/v1")).isEmpty();
    assertThat(ApiRequest.of("GET", "/version")).isEmpty();
  }

  @Test
  void recordsWhatAClientReallySendsAndFindsTheUngrantedVerb() throws Exception {
    client.configMaps().inNamespace("demo").resource(new ConfigMapBuilder().withNewMetadata().withName("c")
        .endMetadata().addToData("k", "v").build()).create();
    client.configMaps().inNamespace("demo").withName("c").edit(c -> {
      c.getData().put("k", "w");
      return c;
    });
    try (Watch ignored = client.configMaps().inNamespace("demo").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, io.fabric8.kubernetes.api.model.ConfigMap resource) {
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    })) {
      client.configMaps().inNamespace("demo").withName("c").delete();
    }

    List<ApiRequest> requests = drain(server);
    PolicyRule readWrite = new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
        .withVerbs("get", "create", "patch", "watch").build();

    assertThat(requests).extracting(ApiRequest::verb).contains("create", "get", "patch", "watch", "delete");
    assertThat(requests).filteredOn(r -> !r.allowedBy(List.of(readWrite)))
        .containsExactly(new ApiRequest("", "configmaps", "demo", "delete"));
  }

  static List<ApiRequest> drain(KubernetesMockServer server) throws InterruptedException {
    List<ApiRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      ApiRequest.of(request.getMethod(), request.getPath()).ifPresent(requests::add);
    }
    return requests;
  }
}
