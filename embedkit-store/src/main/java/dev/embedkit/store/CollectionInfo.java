package dev.embedkit.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code embedkit collection info} shows.
 *
 * @param config the recorded settings
 * @param path the collection's folder
 * @param documents documents held
 * @param chunks chunks (vectors) held
 * @param sizeBytes index files on disk
 * @param segments Lucene segments in the last commit
 * @param fields metadata field name to the kinds of value seen ("string", "long", "double", "boolean")
 */
public record CollectionInfo(CollectionConfig config, Path path, long documents, long chunks, long sizeBytes,
    int segments, Map<String, java.util.Set<String>> fields) {}
