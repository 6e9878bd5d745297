package dev.abacus.operator.view;

import java.util.concurrent.CompletableFuture;

/** Asks a view copy how far its replay is. Implementations never throw and never complete exceptionally. */
public interface ViewProgressProbe {

    CompletableFuture<ViewProgress> probe(ViewCopy copy);
}
