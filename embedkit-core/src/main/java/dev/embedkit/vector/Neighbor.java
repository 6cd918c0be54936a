package dev.embedkit.vector;

/**
 * One result of a nearest-neighbour search.
 *
 * @param index position of the candidate in the searched list
 * @param value the metric's value (similarity or distance, as {@link Metric#compute} gives it)
 */
public record Neighbor(int index, float value) {}
