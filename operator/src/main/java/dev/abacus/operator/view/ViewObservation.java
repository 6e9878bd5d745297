package dev.abacus.operator.view;

import java.util.Map;

/**
 * What one rebuild step sees: the hash the current spec asks for, which view generations have a Deployment and
 * whether each is fully available, and the generation the view Service selects (-1 if none).
 */
public record ViewObservation(String desiredHash, Map<Integer, Boolean> generations, int serviceGeneration) {

    public ViewObservation {
        generations = Map.copyOf(generations);
    }

    public boolean exists(Integer generation) {
        return generation != null && generations.containsKey(generation);
    }

    public boolean available(Integer generation) {
        return generation != null && generations.getOrDefault(generation, false);
    }
}
