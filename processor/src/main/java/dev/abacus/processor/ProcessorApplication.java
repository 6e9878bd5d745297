package dev.abacus.processor;

import io.micronaut.runtime.Micronaut;

/** Runs the processor service alone. */
public final class ProcessorApplication {

    private ProcessorApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ProcessorApplication.class).environments("processor").start();
    }
}
