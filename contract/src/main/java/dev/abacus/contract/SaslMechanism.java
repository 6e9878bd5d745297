package dev.abacus.contract;

import java.util.Arrays;
import java.util.Locale;

/** The SASL mechanisms Abacus can authenticate to Kafka with, and the login module each needs. */
public enum SaslMechanism {
    SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

    private final String kafkaName;
    private final String loginModule;

    SaslMechanism(String kafkaName, String loginModule) {
        this.kafkaName = kafkaName;
        this.loginModule = loginModule;
    }

    /** The name Kafka's {@code sasl.mechanism} takes. */
    public String kafkaName() {
        return kafkaName;
    }

    String loginModule() {
        return loginModule;
    }

    /** Accepts Kafka's spelling and the CRD's lower-case one ({@code scram-sha-512}). */
    public static SaslMechanism of(String name) {
        String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.kafkaName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown SASL mechanism '" + name + "'; one of "
                        + Arrays.stream(values()).map(SaslMechanism::kafkaName).toList()));
    }
}
