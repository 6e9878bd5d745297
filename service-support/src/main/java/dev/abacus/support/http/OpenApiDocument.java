package dev.abacus.support.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the OpenAPI document micronaut-openapi writes into a service's jar at build time. */
public final class OpenApiDocument {

    private OpenApiDocument() {
    }

    /** The document's bytes; fails at start when the build did not write it. */
    public static byte[] load(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: the build writes it (micronaut-openapi)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
