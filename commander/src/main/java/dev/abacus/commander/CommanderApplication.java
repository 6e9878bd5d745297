package dev.abacus.commander;

import io.micronaut.runtime.Micronaut;

/** Starts the commander alone, with its {@code application-commander.yml} defaults. */
public final class CommanderApplication {

    private CommanderApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(CommanderApplication.class).environments("commander").start();
    }
}
