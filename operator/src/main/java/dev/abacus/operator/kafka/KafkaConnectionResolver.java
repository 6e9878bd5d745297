package dev.abacus.operator.kafka;

import dev.abacus.contract.KafkaSecurity;
import dev.abacus.operator.api.ConditionReason;
import dev.abacus.operator.api.SecretKeyRef;
import dev.abacus.operator.resources.DeploymentFactory;
import dev.abacus.operator.resources.KafkaAccess;
import dev.abacus.operator.resources.PipelineModel;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Turns a pipeline's Kafka settings into the operator's own client configuration: reads the typed credentials'
 * Secrets, the client properties Secret, and copies a referenced truststore to a local file, rewriting the in-pod
 * path the properties use. The values stay in memory, in the admin client's settings.
 */
public final class KafkaConnectionResolver {

    private final KubernetesClient client;
    private final Path truststoreDir;

    public KafkaConnectionResolver(KubernetesClient client, Path truststoreDir) {
        this.client = client;
        this.truststoreDir = truststoreDir;
    }

    public KafkaConnection resolve(PipelineModel model) throws KafkaSettingsException {
        if (model.bootstrapServers().isBlank()) {
            throw new KafkaSettingsException(ConditionReason.INVALID_SPEC, "spec.kafka.bootstrapServers is required");
        }
        Map<String, String> properties = new HashMap<>();
        if (model.clientProperties().isPresent()) {
            properties.putAll(parse(model.clientProperties().get(),
                    secretValue(model.namespace(), model.clientProperties().get())));
        }
        properties.remove("bootstrap.servers");
        String fingerprint = "";
        if (model.truststore().isPresent()) {
            SecretKeyRef ref = model.truststore().get();
            byte[] truststore = secretValue(model.namespace(), ref);
            fingerprint = sha256(truststore);
            Path local = writeTruststore(model, ref, truststore);
            String mounted = DeploymentFactory.TRUSTSTORE_DIR + "/";
            properties.replaceAll((k, v) -> v.startsWith(mounted)
                    ? local.getParent().resolve(v.substring(mounted.length())).toString() : v);
        }
        properties.putAll(typedSecurity(model).clientProperties());
        return new KafkaConnection(asSeenFrom(model.namespace(), model.bootstrapServers()), properties, fingerprint);
    }

    /** The operator's side of the typed settings: the same client settings the services build, from the Secrets. */
    private KafkaSecurity typedSecurity(PipelineModel model) throws KafkaSettingsException {
        KafkaAccess access = model.kafkaAccess();
        List<String> certificates = new ArrayList<>();
        for (SecretKeyRef ref : access.trustedCertificates()) {
            String pem = new String(secretValue(model.namespace(), ref), StandardCharsets.UTF_8);
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new KafkaSettingsException(ConditionReason.INVALID_SPEC,
                        "key " + ref.getKey() + " of Secret " + ref.getName() + " holds no PEM certificate");
            }
            certificates.add(pem);
        }
        Optional<KafkaSecurity.SaslCredential> sasl = Optional.empty();
        if (access.operator().isPresent()) {
            KafkaAccess.User user = access.operator().get();
            String password = KafkaSecurity.withoutTrailingLineBreak(
                    new String(secretValue(model.namespace(), user.password()), StandardCharsets.UTF_8));
            try {
                sasl = Optional.of(new KafkaSecurity.SaslCredential(access.mechanism().orElseThrow(), user.username(),
                        password));
            } catch (IllegalArgumentException e) {
                throw new KafkaSettingsException(ConditionReason.INVALID_SPEC, "spec.kafka.authentication: "
                        + e.getMessage() + " (Secret " + user.password().getName() + ", key "
                        + user.password().getKey() + ")");
            }
        }
        return new KafkaSecurity(access.tls(), KafkaSecurity.joinCertificates(certificates), sasl);
    }

    /**
     * The bootstrap servers as a pod in the pipeline's namespace resolves them: a bare Service name such as
     * {@code kafka:9092} means {@code kafka.<namespace>.svc:9092} there, while the operator runs in a namespace of
     * its own, where the bare name does not resolve or names another Service.
     */
    static String asSeenFrom(String namespace, String bootstrapServers) {
        return Arrays.stream(bootstrapServers.split(","))
                .map(String::trim)
                .filter(server -> !server.isEmpty())
                .map(server -> {
                    int colon = server.lastIndexOf(':');
                    String host = colon < 0 ? server : server.substring(0, colon);
                    boolean bare = !host.contains(".") && !host.contains(":") && !host.startsWith("[")
                            && !host.equalsIgnoreCase("localhost");
                    return bare ? host + "." + namespace + ".svc" + (colon < 0 ? "" : server.substring(colon)) : server;
                })
                .collect(Collectors.joining(","));
    }

    private byte[] secretValue(String namespace, SecretKeyRef ref) throws KafkaSettingsException {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
        } catch (KubernetesClientException e) {
            throw new KafkaSettingsException(ConditionReason.SECRET_NOT_FOUND,
                    "cannot read Secret " + namespace + "/" + ref.getName() + ": " + e.getMessage());
        }
        if (secret == null) {
            throw new KafkaSettingsException(ConditionReason.SECRET_NOT_FOUND,
                    "Secret " + namespace + "/" + ref.getName() + " not found");
        }
        if (secret.getData() != null && secret.getData().containsKey(ref.getKey())) {
            try {
                return Base64.getDecoder().decode(secret.getData().get(ref.getKey()));
            } catch (IllegalArgumentException e) {
                throw new KafkaSettingsException(ConditionReason.INVALID_SPEC,
                        "key " + ref.getKey() + " of Secret " + ref.getName() + " is not valid base64");
            }
        }
        if (secret.getStringData() != null && secret.getStringData().containsKey(ref.getKey())) {
            return secret.getStringData().get(ref.getKey()).getBytes(StandardCharsets.UTF_8);
        }
        throw new KafkaSettingsException(ConditionReason.SECRET_NOT_FOUND,
                "Secret " + namespace + "/" + ref.getName() + " has no key " + ref.getKey());
    }

    private static Map<String, String> parse(SecretKeyRef ref, byte[] content) throws KafkaSettingsException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new KafkaSettingsException(ConditionReason.INVALID_SPEC,
                    "key " + ref.getKey() + " of Secret " + ref.getName() + " is not a Java properties file: "
                            + e.getMessage());
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name).trim()));
        return map;
    }

    private Path writeTruststore(PipelineModel model, SecretKeyRef ref, byte[] content) {
        Path file = truststoreDir.resolve(model.namespace()).resolve(model.name()).resolve(ref.getKey());
        try {
            if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content)) {
                return file;
            }
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".truststore", ".tmp");
            Files.write(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write truststore " + file, e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
