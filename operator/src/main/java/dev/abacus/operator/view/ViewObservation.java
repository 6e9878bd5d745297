package dev.abacus.operator.view;

import java.util.Map;
import java.util.Objects;

/**
 * What one rebuild step sees: the hash the current spec asks for and its rebuild token, which view generations have
 * a Deployment and whether each is fully available, the generation the view Service selects (-1 if none), and the
 * generation a person asked to abort (null if none).
 */
public record ViewObservation(String desiredHash, String rebuildToken, Map<Integer, Boolean> generations,
                              int serviceGeneration, Integer abortGeneration) {

    public ViewObservation {
        generations = Map.copyOf(generations);
    }

    public ViewObservation(String desiredHash, Map<Integer, Boolean> generations, int serviceGeneration) {
        this(desiredHash, null, generations, serviceGeneration, null);
    }

    public boolean exists(Integer generation) {
        return generation != null && generations.containsKey(generation);
    }

    public boolean available(Integer generation) {
        return generation != null && generations.getOrDefault(generation, false);
    }

    public boolean abortRequested(Integer generation) {
        return generation != null && Objects.equals(abortGeneration, generation);
    }
}
