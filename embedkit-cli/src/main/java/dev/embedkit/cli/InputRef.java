package dev.embedkit.cli;

/**
 * What identifies one output row to the user: its position in the output, and where it came from.
 *
 * @param index 0-based position in this output (the row of a .npy, the element of "embeddings")
 * @param line 1-based line of the input in its file or stdin, or 0 (arguments, images)
 * @param id the input's own id (an id field or column, an image's path or URL), or null
 */
record InputRef(int index, long line, String id) {}
