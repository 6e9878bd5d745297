package dev.abacus.view;

import dev.abacus.auth.Http;
import dev.abacus.contract.openapi.OpenApiContract;
import java.util.List;

/** The view's OpenAPI document as the build wrote it, judging answers the tests really received. */
final class ApiDocument {

    static final OpenApiContract CONTRACT = OpenApiContract.fromClasspath(OpenApiController.RESOURCE);

    private ApiDocument() {}

    /** The answer's faults against the document; none for a request that reaches no documented operation. */
    static List<String> faults(String method, String path, Http.Answer answer) {
        if (CONTRACT.operation(method, path).isEmpty()) {
            return List.of();
        }
        return CONTRACT.faults(method, path, answer.status(), answer.contentType(), answer.response().body());
    }
}
