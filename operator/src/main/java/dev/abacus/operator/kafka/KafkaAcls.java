package dev.abacus.operator.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.resource.ResourcePattern;

/** Grants and revokes a pipeline's ACLs through the Kafka Admin API; only missing bindings are created. */
public final class KafkaAcls {

    private final KafkaCalls calls;

    public KafkaAcls(Duration apiTimeout) {
        this.calls = new KafkaCalls(apiTimeout);
    }

    /** Creates the bindings not yet in Kafka; returns what it did, or the problem that stopped it. */
    public Result grant(Admin admin, List<AclBinding> desired) {
        try {
            Set<AclBinding> present = new HashSet<>();
            for (ResourcePattern pattern : desired.stream().map(AclBinding::pattern).distinct().toList()) {
                present.addAll(calls.await(admin.describeAcls(new AclBindingFilter(pattern.toFilter(),
                        AccessControlEntryFilter.ANY)).values()));
            }
            List<AclBinding> missing = desired.stream().filter(b -> !present.contains(b)).distinct().toList();
            if (!missing.isEmpty()) {
                calls.await(admin.createAcls(missing).all());
            }
            return new Result(missing.size(), Optional.empty());
        } catch (KafkaCallException e) {
            return new Result(0, Optional.of(e.problem()));
        }
    }

    /** Deletes exactly these bindings; absent ones are fine. */
    public Optional<Problem> revoke(Admin admin, Collection<AclBinding> bindings) {
        try {
            calls.await(admin.deleteAcls(bindings.stream().map(AclBinding::toFilter).toList()).all());
            return Optional.empty();
        } catch (KafkaCallException e) {
            return Optional.of(e.problem());
        }
    }

    /** How many bindings were created, or why none could be. */
    public record Result(int created, Optional<Problem> problem) {
    }
}
