package dev.abacus.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abacus.contract.ProblemType;
import dev.abacus.support.http.Problem;
import dev.abacus.support.http.ProblemException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "problem-test")
class ProblemResponsesTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void unknownRouteIsAProblem() {
        HttpClientResponseException e = call("/nowhere");
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(e.getResponse().getContentType()).contains(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
        Problem problem = e.getResponse().getBody(Problem.class).orElseThrow();
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.instance()).isEqualTo("/nowhere");
    }

    @Test
    void problemExceptionKeepsItsStatusReasonAndRetryAfter() {
        HttpClientResponseException e = call("/busy");
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
        assertThat(e.getResponse().header("Retry-After")).isEqualTo("3");
        Problem problem = e.getResponse().getBody(Problem.class).orElseThrow();
        assertThat(problem.reason()).isEqualTo("KAFKA_UNAVAILABLE");
        assertThat(problem.type()).isEqualTo("https://abacus.dev/problems/kafka-unavailable");
    }

    @Test
    void unexpectedFailureIsAProblemThatHidesInternals() {
        HttpClientResponseException e = call("/boom");
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR.getCode());
        Problem problem = e.getResponse().getBody(Problem.class).orElseThrow();
        assertThat(problem.detail()).doesNotContain("secret");
    }

    private HttpClientResponseException call(String path) {
        try {
            client.toBlocking().exchange(HttpRequest.GET(path), Problem.class);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected an error from " + path);
    }

    @Requires(env = "problem-test")
    @Controller
    static class FailingController {
        @Get("/busy")
        String busy() {
            throw new ProblemException(
                    Problem.of(ProblemType.KAFKA_UNAVAILABLE, "try later"),
                    Duration.ofSeconds(3),
                    null);
        }

        @Get("/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }
    }
}
