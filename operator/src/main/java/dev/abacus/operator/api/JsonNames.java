package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The wire names of the API's enum constants, as written in specs, statuses and Events. */
public final class JsonNames {

    private static final Map<Enum<?>, String> NAMES = new ConcurrentHashMap<>();

    private JsonNames() {
    }

    public static String of(Enum<?> constant) {
        return NAMES.computeIfAbsent(constant, JsonNames::lookup);
    }

    private static String lookup(Enum<?> constant) {
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return property == null ? constant.name() : property.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
