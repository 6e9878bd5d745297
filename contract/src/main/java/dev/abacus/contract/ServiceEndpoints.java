package dev.abacus.contract;

/**
 * Where a service answers: the API (and the view's {@code /view/status}, which the operator probes) on the HTTP port,
 * health details and metrics on the management port. Kubernetes probes and Prometheus use the management port.
 */
public final class ServiceEndpoints {

    public static final int HTTP_PORT = 8080;
    public static final String HTTP_PORT_NAME = "http";
    public static final int MANAGEMENT_PORT = 8081;
    public static final String MANAGEMENT_PORT_NAME = "management";
    /** Micronaut's {@code endpoints.all.port}: unset, the management endpoints share the HTTP port (local runs). */
    public static final String MANAGEMENT_PORT_ENV = "ENDPOINTS_ALL_PORT";

    public static final String HEALTH_PATH = "/health";
    public static final String LIVENESS_PATH = "/health/liveness";
    public static final String READINESS_PATH = "/health/readiness";
    public static final String METRICS_PATH = "/prometheus";
    public static final String VIEW_STATUS_PATH = "/view/status";

    private ServiceEndpoints() {
    }
}
