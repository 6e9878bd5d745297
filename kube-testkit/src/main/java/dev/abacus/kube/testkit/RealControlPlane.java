package dev.abacus.kube.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class of the real control-plane tier: it runs where {@code tools/k8s/build.sh} has built the
 * binaries and is skipped with one line where it has not, unless {@code ABACUS_REQUIRE_CONTROL_PLANE=true}
 * (as in CI), where a missing control plane fails the class instead.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ControlPlaneCondition.class)
public @interface RealControlPlane {}
