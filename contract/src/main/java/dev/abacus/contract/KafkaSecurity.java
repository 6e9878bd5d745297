package dev.abacus.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How a client proves itself to Kafka and whom it trusts, as typed values; the one place that turns them into
 * Kafka client settings, for the services (reading mounted files) and the operator (reading Secrets) alike.
 *
 * @param tls                 whether the connection is TLS
 * @param trustedCertificates PEM certificates to trust instead of the JVM's own; empty to keep the JVM's
 * @param sasl                the SASL credential, if the client authenticates with one
 */
public record KafkaSecurity(boolean tls, String trustedCertificates, Optional<SaslCredential> sasl) {

    public static final KafkaSecurity NONE = new KafkaSecurity(false, "", Optional.empty());

    public KafkaSecurity {
        trustedCertificates = trustedCertificates == null ? "" : trustedCertificates;
        if (!tls && !trustedCertificates.isBlank()) {
            throw new IllegalArgumentException("trusted certificates need TLS");
        }
    }

    /** A username, its password and the mechanism that carries them; {@link #toString()} hides the password. */
    public record SaslCredential(SaslMechanism mechanism, String username, String password) {

        public SaslCredential {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("a SASL username is required");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("the SASL password of " + username + " is empty");
            }
            if (hasControlCharacters(username) || hasControlCharacters(password)) {
                throw new IllegalArgumentException("the SASL username or password of " + username
                        + " holds a line break or another control character");
            }
        }

        @Override
        public String toString() {
            return "SaslCredential[" + mechanism.kafkaName() + ", " + username + ", password ****]";
        }
    }

    public String securityProtocol() {
        return (sasl.isPresent() ? "SASL_" : "") + (tls ? "SSL" : "PLAINTEXT");
    }

    /** The Kafka client settings; they hold the password, so they are never logged or written anywhere. */
    public Map<String, String> clientProperties() {
        if (equals(NONE)) {
            return Map.of();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol());
        if (!trustedCertificates.isBlank()) {
            properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            properties.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, trustedCertificates);
        }
        sasl.ifPresent(credential -> {
            properties.put(SaslConfigs.SASL_MECHANISM, credential.mechanism().kafkaName());
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, credential.mechanism().loginModule() + " required username=\""
                    + quoted(credential.username()) + "\" password=\"" + quoted(credential.password()) + "\";");
        });
        return properties;
    }

    /**
     * The certificates of every file in {@code dir}, in name order. Files and directories whose names start with a
     * dot are skipped: a mounted Secret keeps its versions there.
     */
    public static String readCertificates(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return joinCertificates(files.filter(file -> !file.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .map(KafkaSecurity::read)
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the trusted certificates in " + dir, e);
        }
    }

    /** PEM documents as one bundle, each ending its own line so that the next one's header starts a new one. */
    public static String joinCertificates(List<String> pems) {
        return pems.stream().map(pem -> pem.endsWith("\n") ? pem : pem + "\n").collect(Collectors.joining());
    }

    /** A password as a mounted Secret key holds it; a trailing line break (from an editor or echo) is not part of it. */
    public static String readPassword(Path file) {
        return withoutTrailingLineBreak(read(file));
    }

    public static String withoutTrailingLineBreak(String value) {
        return value.replaceAll("[\\r\\n]+$", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "KafkaSecurity[" + securityProtocol() + (trustedCertificates.isBlank() ? "" : ", trusted certificates")
                + sasl.map(s -> ", " + s).orElse("") + "]";
    }
}
