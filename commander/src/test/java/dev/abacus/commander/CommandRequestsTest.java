package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.domain.Operation;
import dev.abacus.support.http.Problem;
import dev.abacus.support.http.ProblemException;
import io.micronaut.validation.validator.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class CommandRequestsTest {

    private static final Validator VALIDATOR = Validator.getInstance();

    @Property
    void everyFiniteNumberIsAcceptedAsIs(@ForAll double value) {
        byte[] body = json("{\"value\": " + (Double.isFinite(value) ? Double.toString(value) : "1e999") + "}");
        if (Double.isFinite(value)) {
            assertThat(create(body).value()).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> create(body)).isInstanceOf(ProblemException.class);
        }
    }

    @Property
    void anythingAfterTheDocumentIsRefused(@ForAll("trailing") String trailing) {
        assertInvalid(() -> create(json("{\"value\": 1}" + trailing)), "/");
        assertInvalid(() -> update(json("{\"operation\": \"ADD\", \"value\": 1}" + trailing)), "/");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> trailing() {
        return net.jqwik.api.Arbitraries.of("x", "}", "]", ",", "1", "null", "{}", "[]", "\"s\"", "{\"value\": 2}", "\u0000", "//", "#")
                .flatMap(token -> net.jqwik.api.Arbitraries.of("", " ", "\n", "\t").map(space -> space + token));
    }

    @net.jqwik.api.Example
    void aKeyTwiceIsRefusedWhereverItIs() {
        assertInvalid(() -> update(json("{\"operation\": \"ADD\", \"operation\": \"MULTIPLY\", \"value\": 2}")), "/");
        assertInvalid(() -> update(json("{\"operation\": \"ADD\", \"value\": 2, \"value\": 2}")), "/");
        assertInvalid(() -> create(json("{\"value\": 1, \"value\": null}")), "/");
    }

    @net.jqwik.api.Example
    void onlyWhitespaceMayFollowTheDocument() {
        assertThat(create(json(" \n{\"value\": 1}\r\n\t ")).value()).isEqualTo(1.0);
        assertThat(update(json("{\"operation\": \"MULTIPLY\", \"value\": 2}\n")).operation())
                .isEqualTo(Operation.MULTIPLY);
    }

    @net.jqwik.api.Example
    void readingAndConstraintFaultsAreNamedTogetherUnknownFieldsFirstThenInTheRecordsOrder() {
        assertThatThrownBy(() -> update(json("{\"value\": 1e400, \"by\": 2, \"operation\": \"DIVIDE\"}")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(Problem.FieldError::field, Problem.FieldError::message)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("/by", "unknown field; allowed: [operation, value]"),
                                org.assertj.core.groups.Tuple.tuple("/operation", "must be one of [ADD, MULTIPLY]"),
                                org.assertj.core.groups.Tuple.tuple("/value", "must be a finite number within double range")));
    }

    @net.jqwik.api.Example
    void anEmptyOrMissingBodyIsNotAnObject() {
        assertInvalid(() -> create(null), "/");
        assertInvalid(() -> create(new byte[0]), "/");
        assertInvalid(() -> create(json("  ")), "/");
    }

    private static CreateValueRequest create(byte[] body) {
        return CommandRequests.read(body, CreateValueRequest.class, VALIDATOR);
    }

    private static UpdateValueRequest update(byte[] body) {
        return CommandRequests.read(body, UpdateValueRequest.class, VALIDATOR);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable read, String field) {
        assertThatThrownBy(read).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().reason()).isEqualTo("INVALID_REQUEST");
            assertThat(e.problem().errors()).extracting(Problem.FieldError::field).containsExactly(field);
        });
    }

    @Property
    void idempotencyKeysAreDeterministicPerPrincipalAndTarget(
            @ForAll @StringLength(min = 1, max = 200) String key, @ForAll("principals") String principal) {
        UUID valueId = UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(IdempotencyKeys.commandIdForCreate(principal, key))
                .isEqualTo(IdempotencyKeys.commandIdForCreate(principal, key))
                .isNotEqualTo(IdempotencyKeys.commandIdForCreate(principal + "x", key))
                .isNotEqualTo(IdempotencyKeys.commandIdForUpdate(principal, valueId, key));
        assertThat(IdempotencyKeys.valueIdForCreate(principal, key))
                .isNotEqualTo(IdempotencyKeys.commandIdForCreate(principal, key));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> principals() {
        return net.jqwik.api.Arbitraries.of("anonymous", "ci", "ops");
    }

    @net.jqwik.api.Example
    void configOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new CommanderConfig(Duration.ofHours(1), 1000, Duration.ofSeconds(10),
                        Duration.ofSeconds(2), 16_777_216, Duration.ofSeconds(5), Duration.ofMinutes(2)))
                .hasMessageContaining("max-wait");
        assertThatThrownBy(() -> new CommanderConfig(Duration.ofSeconds(30), 1000, Duration.ofMillis(10),
                        Duration.ofSeconds(2), 16_777_216, Duration.ofSeconds(5), Duration.ofMinutes(2)))
                .hasMessageContaining("send-timeout");
        assertThatThrownBy(() -> new CommanderConfig(Duration.ofSeconds(30), 1000, Duration.ofSeconds(10),
                        Duration.ofSeconds(2), 16_777_216, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("outcome-reader-stall-timeout");
    }
}
