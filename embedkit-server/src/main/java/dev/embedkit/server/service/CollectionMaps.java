package dev.embedkit.server.service;

import dev.embedkit.explore.MapOptions;
import dev.embedkit.explore.MapSources;
import dev.embedkit.explore.SpaceMapper;
import dev.embedkit.explore.render.SpaceMap;
import dev.embedkit.store.CollectionInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps of the server's collections for {@code GET /collections/NAME/map}, computed on first request and kept while
 * the collection is unchanged (same document and chunk counts and size on disk), so a page that reloads its map does
 * not pay for UMAP again. At most {@link #CACHED} maps are kept, the least recently used dropped first.
 */
public final class CollectionMaps {
  static final int CACHED = 8;

  private record Key(String name, long documents, long chunks, long sizeBytes, MapOptions options) {}

  private final CollectionService collections;
  private final Map<Key, SpaceMap> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, SpaceMap> eldest) {
      return size() > CACHED;
    }
  };

  public CollectionMaps(CollectionService collections) {
    this.collections = collections;
  }

  /**
   * The collection's map with these options. Computing one holds this object's lock: maps are expensive, and two
   * requests for the same map should compute it once.
   */
  public synchronized SpaceMap map(String name, MapOptions options) {
    CollectionInfo info = collections.use(name, c -> c.info());
    Key key = new Key(name, info.documents(), info.chunks(), info.sizeBytes(), options);
    SpaceMap cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    MapSources.Loaded loaded = collections.use(name, MapSources::collection);
    SpaceMap map = SpaceMapper.map("collection " + name, loaded.items(), loaded.vectors(), options);
    if (!loaded.notes().isEmpty()) {
      map = new SpaceMap(map.title(), map.caption() + "; " + String.join("; ", loaded.notes()), map.method(),
          map.points(), map.clusters());
    }
    cache.put(key, map);
    return map;
  }
}
