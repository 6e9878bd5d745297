package dev.abacus.operator;

import dev.abacus.kube.testkit.RealControlPlane;
import static dev.abacus.operator.support.OperatorTestEnvironment.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.operator.support.OperatorTestEnvironment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two operator replicas: one holds the lease and reconciles; when it goes away the other takes over. */
@RealControlPlane
class LeaderElectionIT {

    @Test
    void standbyTakesOverWhenTheLeaderStops() {
        try (OperatorTestEnvironment env = OperatorTestEnvironment.start(election("first"))) {
            AbacusOperator second = env.startAnotherOperator(election("second"));
            try {
                eventually().until(() -> holder(env) != null);
                String leader = holder(env);

                env.create(env.pipeline("elected", 1));
                env.awaitReady("elected");

                AbacusOperator standby;
                if (leader.equals("first")) {
                    env.operator().close();
                    standby = second;
                } else {
                    second.close();
                    standby = env.operator();
                }
                String expected = leader.equals("first") ? "second" : "first";
                eventually().until(() -> expected.equals(holder(env)));

                env.edit("elected", spec -> spec.getCommander().setReplicas(2));
                eventually().until(() -> env.client().apps().deployments().inNamespace(env.namespace())
                        .withName("elected-commander").get().getSpec().getReplicas() == 2
                        && env.readyAtCurrentGeneration("elected"));
                assertThat(standby.operator().getRuntimeInfo().isStarted()).isTrue();
            } finally {
                second.close();
            }
        }
    }

    private static String holder(OperatorTestEnvironment env) {
        Lease lease = env.client().leases().inNamespace(env.namespace()).withName(env.leaseName()).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static Map<String, String> election(String identity) {
        Map<String, String> env = new HashMap<>();
        env.put("ABACUS_LEADER_ELECTION", "true");
        env.put("ABACUS_LEADER_ELECTION_IDENTITY", identity);
        env.put("ABACUS_LEADER_ELECTION_LEASE_DURATION", "8s");
        env.put("ABACUS_LEADER_ELECTION_RENEW_DEADLINE", "6s");
        env.put("ABACUS_LEADER_ELECTION_RETRY_PERIOD", "500ms");
        env.put("ABACUS_LEADER_ELECTION_EXIT_ON_LOSS", "false");
        return env;
    }
}
