package dev.abacus.kafka.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A SASL_SSL listener beside the broker's PLAINTEXT one: TLS with {@code tls}, SCRAM-SHA-512, SCRAM-SHA-256 and
 * PLAIN (with {@code plainUsers}), and, when {@code authorizer} is set, Kafka's standard ACL authorizer. The
 * PLAINTEXT listener stays for the test itself and is a super user, as the inter-broker listener of a real
 * cluster would be; the clients under test use this one.
 */
public record SecureListener(TlsMaterial tls, Map<String, String> plainUsers, boolean authorizer,
                             Set<String> superUsers) {

    static final String NAME = "SASL_SSL";

    public SecureListener {
        plainUsers = Map.copyOf(plainUsers);
        superUsers = Set.copyOf(superUsers);
    }

    Map<String, String> brokerProperties() {
        String prefix = "listener.name." + NAME.toLowerCase() + ".";
        Map<String, String> props = new LinkedHashMap<>();
        props.put(prefix + "sasl.enabled.mechanisms", "SCRAM-SHA-512,SCRAM-SHA-256,PLAIN");
        props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512,SCRAM-SHA-256,PLAIN");
        props.put(prefix + "ssl.keystore.type", "PKCS12");
        props.put(prefix + "ssl.keystore.location", tls.keyStore().toString());
        props.put(prefix + "ssl.keystore.password", tls.password());
        props.put(prefix + "ssl.key.password", tls.password());
        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
        props.put(prefix + "scram-sha-512.sasl.jaas.config", scram);
        props.put(prefix + "scram-sha-256.sasl.jaas.config", scram);
        props.put(prefix + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + plainUsers.entrySet().stream()
                        .map(user -> "user_" + user.getKey() + "=\"" + user.getValue() + "\"")
                        .collect(Collectors.joining(" ")) + ";");
        if (authorizer) {
            props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            props.put("super.users", "User:ANONYMOUS" + superUsers.stream().map(u -> ";User:" + u)
                    .collect(Collectors.joining()));
        }
        return props;
    }
}
