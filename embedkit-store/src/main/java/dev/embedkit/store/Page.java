package dev.embedkit.store;

import java.util.List;

/**
 * One page of a scroll through a collection in id order.
 *
 * @param documents the page
 * @param next the id to pass as {@code after} for the next page, or null at the end
 */
public record Page(List<StoredDocument> documents, String next) {}
