package dev.abacus.operator.resources;

import java.util.LinkedHashMap;
import java.util.Map;

/** The recommended Kubernetes labels every owned resource carries. */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String VIEW_GENERATION = "abacus.dev/view-generation";
    public static final String APP = "abacus";
    public static final String OPERATOR = "abacus-operator";
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    private Labels() {
    }

    /** Labels of a component's resources and pods. */
    public static Map<String, String> of(String pipeline, Component component) {
        Map<String, String> labels = new LinkedHashMap<>(selector(pipeline, component));
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }

    /** The immutable subset used in Deployment and Service selectors. */
    public static Map<String, String> selector(String pipeline, Component component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP);
        labels.put(INSTANCE, pipeline);
        labels.put(COMPONENT, component.id());
        return labels;
    }

    public static Map<String, String> viewSelector(String pipeline, int generation) {
        Map<String, String> labels = selector(pipeline, Component.VIEW);
        labels.put(VIEW_GENERATION, String.valueOf(generation));
        return labels;
    }
}
