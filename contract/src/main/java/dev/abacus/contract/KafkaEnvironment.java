package dev.abacus.contract;

import java.util.Set;

/** The environment variables and mount paths through which the operator tells a service how to reach Kafka. */
public final class KafkaEnvironment {

    public static final String BOOTSTRAP_SERVERS = "ABACUS_KAFKA_BOOTSTRAP_SERVERS";
    public static final String CLIENT_PROPERTIES_FILE = "ABACUS_KAFKA_CLIENT_PROPERTIES_FILE";
    public static final String TLS_ENABLED = "ABACUS_KAFKA_TLS_ENABLED";
    public static final String TLS_TRUSTED_CERTIFICATES_DIR = "ABACUS_KAFKA_TLS_TRUSTED_CERTIFICATES_DIR";
    public static final String SASL_MECHANISM = "ABACUS_KAFKA_SASL_MECHANISM";
    public static final String SASL_USERNAME = "ABACUS_KAFKA_SASL_USERNAME";
    public static final String SASL_PASSWORD_FILE = "ABACUS_KAFKA_SASL_PASSWORD_FILE";

    /** Every name above: the operator sets them, and drops the same names from a spec's env. */
    public static final Set<String> ALL = Set.of(BOOTSTRAP_SERVERS, CLIENT_PROPERTIES_FILE, TLS_ENABLED,
            TLS_TRUSTED_CERTIFICATES_DIR, SASL_MECHANISM, SASL_USERNAME, SASL_PASSWORD_FILE);

    public static final String CLIENT_PROPERTIES_MOUNT = "/etc/abacus/kafka/client";
    public static final String TRUSTSTORE_MOUNT = "/etc/abacus/kafka/truststore";
    public static final String TRUSTED_CERTIFICATES_MOUNT = "/etc/abacus/kafka/tls";
    public static final String SASL_MOUNT = "/etc/abacus/kafka/sasl";
    public static final String SASL_PASSWORD_KEY = "password";

    private KafkaEnvironment() {
    }
}
