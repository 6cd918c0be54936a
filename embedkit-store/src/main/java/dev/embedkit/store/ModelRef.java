package dev.embedkit.store;

/**
 * The model a collection's vectors come from: the name it is loaded by and a fingerprint of what it computes
 * ({@link ModelFingerprint}), so that the collection refuses to be written or queried by another model.
 */
public record ModelRef(String name, String fingerprint) {}
