package dev.abacus.contract;

/**
 * The names under which the processor meets Kafka: its consumer group and its transactional ids. The operator
 * grants ACLs on them, so both sides take them from here.
 */
public final class ProcessorIdentity {

    public static final String DEFAULT_GROUP_ID = "abacus-processor";
    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "abacus-processor";
    public static final String GROUP_ID_ENV = "ABACUS_PROCESSOR_GROUP_ID";
    public static final String TRANSACTIONAL_ID_PREFIX_ENV = "ABACUS_PROCESSOR_TRANSACTIONAL_ID_PREFIX";
    /** The processor's static group member id; the operator sets it to the pod's name. */
    public static final String INSTANCE_ID_ENV = "ABACUS_PROCESSOR_INSTANCE_ID";

    private ProcessorIdentity() {
    }

    /** What every transactional id of the processor of {@code commandsTopic} starts with. */
    public static String transactionalIdStem(String prefix, String commandsTopic) {
        return prefix + "-" + commandsTopic + "-";
    }

    public static String transactionalId(String prefix, String commandsTopic, int partition) {
        return transactionalIdStem(prefix, commandsTopic) + partition;
    }
}
