package dev.abacus.charts;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** One Kubernetes API request as RBAC sees it: API group, resource (with subresource), namespace and verb. */
record ApiRequest(String apiGroup, String resource, String namespace, String verb) {

  /** Parses a request line of the API server; empty for non-resource URLs such as discovery. */
  static Optional<ApiRequest> of(String method, String pathAndQuery) {
    URI uri = URI.create(pathAndQuery);
    List<String> segments = Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
    String group;
    List<String> rest;
    if (segments.size() >= 2 && segments.get(0).equals("api")) {
      group = "";
      rest = segments.subList(2, segments.size());
    } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      rest = segments.subList(3, segments.size());
    } else {
      return Optional.empty();
    }
    String namespace = null;
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    String resource = rest.get(0) + (rest.size() >= 3 ? "/" + rest.get(2) : "");
    boolean named = rest.size() >= 2;
    String query = uri.getQuery() == null ? "" : uri.getQuery();
    String verb = switch (method) {
      case "GET" -> named ? "get" : (query.matches("(^|.*&)watch=(true|1)(&.*|$)") ? "watch" : "list");
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> method.toLowerCase(java.util.Locale.ROOT);
    };
    return Optional.of(new ApiRequest(group, resource, namespace, verb));
  }

  boolean allowedBy(Collection<PolicyRule> rules) {
    return rules.stream().anyMatch(rule -> matches(rule.getApiGroups(), apiGroup)
        && matches(rule.getResources(), resource) && matches(rule.getVerbs(), verb));
  }

  private static boolean matches(List<String> granted, String requested) {
    return granted != null && (granted.contains("*") || granted.contains(requested));
  }

  @Override
  public String toString() {
    return verb + " " + (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource
        + (namespace == null ? "" : " in " + namespace);
  }
}
