package io.drautopilot.restore.adapter.cache;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A cache that WarmCache fills, one batch at a time. One instance serves one warm run (it holds that
 * run's connection or threads) and is closed at the run's end.
 */
public interface CacheTarget extends AutoCloseable {

  /** How storing one item ended: stored, refused, or never answered (endpoint down or unreachable). */
  enum Outcome {
    STORED,
    FAILED,
    UNREACHABLE
  }

  /**
   * One item to store.
   *
   * @param key the item's cache key within its cache type ({@code CacheKeys.keyOf}), not encoded
   * @param json the item in DynamoDB JSON
   */
  record Entry(String key, String json) {}

  /**
   * Stores every entry of the batch, with at most the run's concurrency in flight, retrying transient
   * errors; returns when every entry has its final outcome.
   *
   * @return one outcome per entry, in the batch's order
   */
  List<Outcome> store(List<Entry> batch) throws InterruptedException;

  /** Releases the run's connection or threads; no exception. */
  @Override
  void close();

  /** Opens targets for the endpoints of some URI schemes. */
  interface Factory {

    /** The URI schemes served, lower case, e.g. {@code http}. */
    List<String> schemes();

    /**
     * Refuses, with {@code UnsupportedCacheEndpoint}, an endpoint of one of {@link #schemes()} that it
     * cannot use; contacts nothing.
     */
    void validate(URI endpoint);

    /**
     * A target for one warm run; it may connect lazily, on the first batch.
     *
     * @param endpoint validated by {@link #validate}
     */
    CacheTarget open(URI endpoint, String cacheType, Duration ttl, int concurrency);
  }
}
