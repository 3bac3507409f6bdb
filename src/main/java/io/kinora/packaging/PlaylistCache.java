package io.kinora.packaging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Node-local LRU of rewritten variant playlists, keyed by video, rendition and the rounded
 * expiry the signatures carry, so a popular video costs one rewrite per expiry step. Entries of
 * a deleted video are never read again (its record is checked first) and age out.
 */
final class PlaylistCache {

  private final int capacity;
  private final Map<String, String> entries;

  PlaylistCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > PlaylistCache.this.capacity;
      }
    };
  }

  static String key(String videoId, String rendition, long expires) {
    return videoId + '/' + rendition + '/' + expires;
  }

  synchronized String get(String key) {
    return entries.get(key);
  }

  synchronized void put(String key, String playlist) {
    entries.put(key, playlist);
  }

}
