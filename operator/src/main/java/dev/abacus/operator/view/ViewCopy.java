package dev.abacus.operator.view;

import dev.abacus.contract.ServiceEndpoints;
import java.net.URI;

/** One view generation of one pipeline, and the per-generation Service that reaches its pods. */
public record ViewCopy(String namespace, String pipeline, int generation, String serviceName) {

    /**
     * {@code GET /view/status} through the generation's headless Service. It publishes not-ready addresses, so a copy
     * that is still replaying (and therefore not ready) answers too.
     */
    public URI clusterStatusUri() {
        return URI.create("http://" + serviceName + "." + namespace + ".svc:" + ServiceEndpoints.HTTP_PORT
                + ServiceEndpoints.VIEW_STATUS_PATH);
    }
}
