package dev.abacus.commander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.support.http.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonContentTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "application/json", "APPLICATION/Json", "application/json; charset=utf-8", "application/json;charset=UTF8",
        "application/json; charset=\"utf-8\"", "application/json ;\tcharset=utf-8", "application/json;;;",
        "application/json;", "application/json; v=1", "application/json; q=\"a;b\\\"c\"; charset=utf-8"
    })
    void jsonInUtf8IsAdmitted(String field) {
        assertThatCode(() -> JsonContentType.require(List.of(field))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage", "json", "", " ", "application/", "/json", "application /json", "application/ json",
        "application/json/x", "application/json; foo", "application/json; charset=", "application/json; charset=\"utf-8",
        "application/json;=x", "application/json; a b=c", "application/json, text/plain", "application/json; charset=nope",
        "application/json; charset=utf-16", "application/json; charset=ISO-8859-1", "application/json; Charset=\"latin1\"",
        "application/json; charset=utf-8; charset=latin1", "application/json; charset=\"u t f\"", "text/plain",
        "application/problem+json", "application/json\u00e9"
    })
    void anythingElseIs415(String field) {
        assertThatThrownBy(() -> JsonContentType.require(List.of(field)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(415));
    }

    @Test
    void noContentTypeIsReadAsJsonButTwoAreRefused() {
        assertThatCode(() -> JsonContentType.require(List.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> JsonContentType.require(List.of("application/json", "application/json")))
                .isInstanceOf(ProblemException.class);
    }
}
