package dev.abacus.view;

import io.micronaut.runtime.Micronaut;

/** Starts the view service on its own (the local runner starts it together with the others). */
public final class ViewApplication {

    private ViewApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ViewApplication.class).environments("view").start();
    }
}
