package dev.abacus.operator.resources;

import dev.abacus.contract.SaslMechanism;
import dev.abacus.operator.api.CertificateRef;
import dev.abacus.operator.api.KafkaAuthenticationSpec;
import dev.abacus.operator.api.KafkaSpec;
import dev.abacus.operator.api.KafkaUserSpec;
import dev.abacus.operator.api.PasswordSecretRef;
import dev.abacus.operator.api.SecretKeyRef;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline's typed Kafka security as references only: whether TLS is on, which Secret keys hold the trusted
 * certificates and each user's password. Secret values never enter it.
 */
public record KafkaAccess(boolean tls, List<SecretKeyRef> trustedCertificates, Optional<SaslMechanism> mechanism,
                          Optional<User> operator, Map<Component, User> users, boolean manageAcls) {

    public static final KafkaAccess NONE = new KafkaAccess(false, List.of(), Optional.empty(), Optional.empty(),
            Map.of(), false);

    /** A Kafka user and the Secret key of its password. */
    public record User(String username, SecretKeyRef password) {

        public String principal() {
            return "User:" + username;
        }
    }

    public KafkaAccess {
        trustedCertificates = List.copyOf(trustedCertificates);
        users = Map.copyOf(users);
    }

    static KafkaAccess of(KafkaSpec kafka) {
        boolean tls = kafka.getTls() != null;
        List<SecretKeyRef> trusted = !tls ? List.of()
                : Optional.ofNullable(kafka.getTls().getTrustedCertificates()).orElse(List.of()).stream()
                        .map(KafkaAccess::ref).toList();
        boolean manageAcls = Boolean.TRUE.equals(kafka.getManageAcls());
        KafkaAuthenticationSpec auth = kafka.getAuthentication();
        if (auth == null || auth.getType() == null) {
            return new KafkaAccess(tls, trusted, Optional.empty(), Optional.empty(), Map.of(), manageAcls);
        }
        User operator = new User(auth.getUsername(), ref(auth.getPasswordSecret()));
        Map<Component, User> users = new EnumMap<>(Component.class);
        users.put(Component.COMMANDER, user(auth.getCommander(), operator));
        users.put(Component.PROCESSOR, user(auth.getProcessor(), operator));
        users.put(Component.VIEW, user(auth.getView(), operator));
        return new KafkaAccess(tls, trusted, Optional.of(auth.getType().mechanism()), Optional.of(operator), users,
                manageAcls);
    }

    public Optional<User> user(Component component) {
        return Optional.ofNullable(users.get(component));
    }

    private static User user(KafkaUserSpec spec, User fallback) {
        return spec == null ? fallback : new User(spec.getUsername(), ref(spec.getPasswordSecret()));
    }

    private static SecretKeyRef ref(CertificateRef certificate) {
        return new SecretKeyRef(certificate.getSecretName(), certificate.getCertificate());
    }

    private static SecretKeyRef ref(PasswordSecretRef password) {
        return password == null ? new SecretKeyRef(null, null)
                : new SecretKeyRef(password.getSecretName(), password.getPassword());
    }
}
