package dev.embedkit.store;

/**
 * One chunk of a document's text.
 *
 * @param index position among the document's chunks, from 0
 * @param start first char of the document's text it covers (UTF-16 index)
 * @param end char after the last it covers
 * @param text the chunk's text ({@code documentText.substring(start, end)})
 */
public record Chunk(int index, int start, int end, String text) {}
