package dev.abacus.contract.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class OpenApiContractTest {

    private static final String DOCUMENT = """
            openapi: 3.1.0
            paths:
              /things/{id}:
                get:
                  responses:
                    "200":
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/Thing"
                    "404":
                      $ref: "#/components/responses/Problem"
            components:
              schemas:
                Thing:
                  type: object
                  additionalProperties: false
                  required: [id, size]
                  properties:
                    id: {type: string, format: uuid}
                    size: {type: integer, minimum: 0}
                    colour: {enum: [RED, BLUE]}
                    note: {type: [string, "null"]}
                    tags: {type: array, items: {type: string}}
              responses:
                Problem:
                  content:
                    application/problem+json:
                      schema: {type: object, required: [status], properties: {status: {type: integer}}}
            """;
    private static final String ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    private final OpenApiContract contract = contract();

    @Test
    void aConformingAnswerHasNoFault() {
        assertThat(contract.faults("GET", "/things/" + ID + "?x=1", 200, "application/json; charset=utf-8",
                "{\"id\": \"" + ID + "\", \"size\": 3, \"colour\": \"RED\", \"note\": null, \"tags\": [\"a\"]}")).isEmpty();
        assertThat(contract.faults("GET", "/things/" + ID, 404, "application/problem+json", "{\"status\": 404}")).isEmpty();
        assertThat(contract.faults("HEAD", "/things/" + ID, 200, "application/json", "")).hasSize(1);
    }

    @Test
    void eachDepartureFromTheSchemaIsAFault() {
        assertThat(contract.faults("GET", "/things/x", 200, "application/json",
                "{\"id\": \"1-1-1-1-1\", \"colour\": \"GREEN\", \"extra\": 1, \"tags\": [2], \"note\": 5}"))
                .hasSize(6)
                .anyMatch(fault -> fault.contains("lacks required size"))
                .anyMatch(fault -> fault.contains("not a UUID"))
                .anyMatch(fault -> fault.contains("not one of"))
                .anyMatch(fault -> fault.contains("has extra"))
                .anyMatch(fault -> fault.contains("/tags/0 is number"))
                .anyMatch(fault -> fault.contains("/note is number"));
        assertThat(contract.faults("GET", "/things/" + ID, 200, "application/json", "{\"id\": \"" + ID + "\", \"size\": -1}"))
                .singleElement().asString().contains("below 0");
    }

    @Test
    void anUndocumentedStatusContentTypeOrOperationIsAFault() {
        assertThat(contract.faults("GET", "/things/" + ID, 500, "application/problem+json", "{\"status\": 500}"))
                .singleElement().asString().contains("lists [200, 404]");
        assertThat(contract.faults("GET", "/things/" + ID, 200, "text/plain", "x"))
                .singleElement().asString().contains("content type text/plain");
        assertThat(contract.faults("PUT", "/things/" + ID, 200, "application/json", "{}"))
                .singleElement().asString().contains("no operation");
        assertThat(contract.faults("GET", "/things/" + ID, 200, "application/json", ""))
                .singleElement().asString().contains("no body");
    }

    @Test
    void operationsAreNamedByMethodAndTemplate() {
        assertThat(contract.operations()).containsExactly("GET /things/{id}");
        assertThat(contract.operation("GET", "/things/" + ID)).contains("GET /things/{id}");
        assertThat(contract.operation("GET", "/things/")).isEmpty();
        assertThat(contract.operation("GET", "/things/a/b")).isEmpty();
    }

    private static OpenApiContract contract() {
        try {
            return OpenApiContract.of(new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
