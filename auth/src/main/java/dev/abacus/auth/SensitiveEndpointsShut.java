package dev.abacus.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Sensitive management endpoints ({@code /beans}, {@code /loggers}, ...) stay shut to every caller,
 * as they were without Micronaut Security: no scope grants them. Micronaut's rule would answer an
 * authenticated caller with a 500 until replaced.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
final class SensitiveEndpointsShut extends SensitiveEndpointRule {

    SensitiveEndpointsShut(EndpointSensitivityProcessor endpointSensitivityProcessor) {
        super(endpointSensitivityProcessor);
    }

    @Override
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(
            HttpRequest<?> request, Authentication authentication, ExecutableMethod<?, ?> method) {
        return Publishers.just(SecurityRuleResult.REJECTED);
    }
}
