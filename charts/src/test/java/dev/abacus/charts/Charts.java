package dev.abacus.charts;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Locations of the charts and the project files they package, and rendering helpers. */
final class Charts {

  static final Path MODULE_DIR = locateModuleDir();
  static final Path OPERATOR_CHART = MODULE_DIR.resolve("abacus-operator");
  static final Path PROJECT_CRDS = MODULE_DIR.getParent().resolve("crds");
  static final Path EXAMPLES = MODULE_DIR.getParent().resolve("examples");
  static final String RELEASE = "abacus-operator";
  static final String NAMESPACE = "abacus-system";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Charts() {
  }

  static final String KUBE_VERSION = "1.33.0";

  static String render(Path chart, Map<String, Object> values) {
    TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION);
    values.forEach(template::set);
    return template.call();
  }

  static String render(Path chart, String valuesYaml) {
    try {
      Path valuesFile = Files.createTempFile("values-", ".yaml");
      try {
        Files.writeString(valuesFile, valuesYaml);
        return new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION)
            .withValuesFile(valuesFile).call();
      } finally {
        Files.delete(valuesFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<HasMetadata> renderObjects(Path chart, String valuesYaml) {
    return parse(render(chart, valuesYaml));
  }

  static List<HasMetadata> renderObjects(Path chart, Map<String, Object> values) {
    return parse(render(chart, values));
  }

  static List<HasMetadata> parse(String multiDocumentYaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : multiDocumentYaml.split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
        continue;
      }
      Object parsed = SERIALIZATION.unmarshal(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
      if (parsed instanceof HasMetadata object) {
        objects.add(object);
      } else if (parsed instanceof List<?> list) {
        list.stream().map(HasMetadata.class::cast).forEach(objects::add);
      }
    }
    return objects;
  }

  static List<Path> yamlFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted(Comparator.comparing(Path::getFileName))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T single(List<HasMetadata> objects, Class<T> type) {
    List<T> matches = ofType(objects, type);
    if (matches.size() != 1) {
      throw new AssertionError("expected exactly one " + type.getSimpleName() + " but got " + matches.size());
    }
    return matches.get(0);
  }

  private static Path locateModuleDir() {
    Path dir = Path.of("").toAbsolutePath();
    if (Files.isDirectory(dir.resolve("abacus-operator"))) {
      return dir;
    }
    if (Files.isDirectory(dir.resolve("charts/abacus-operator"))) {
      return dir.resolve("charts");
    }
    throw new IllegalStateException("run from the charts module or the project root, not " + dir);
  }
}
