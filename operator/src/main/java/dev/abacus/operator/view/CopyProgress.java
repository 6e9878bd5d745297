package dev.abacus.operator.view;

import java.time.Instant;

/** What one view generation said about its replay when last polled: an external resource, one per live copy. */
public record CopyProgress(int generation, ViewProgress progress, Instant observedAt) {
}
