package org.rankscape.report;

/** One measured value {@code y} at {@code x}, before replicates at the same x are combined. */
public record Point(double x, double y) {}
