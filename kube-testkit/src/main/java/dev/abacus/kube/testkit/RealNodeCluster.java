package dev.abacus.kube.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class of the real-node tier: it runs where {@code tools/k8s/cluster check} passes and is skipped
 * with one line where it does not, unless {@code ABACUS_REQUIRE_REAL_NODE=true} (as in CI), where it fails instead.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RealNodeCondition.class)
public @interface RealNodeCluster {}
