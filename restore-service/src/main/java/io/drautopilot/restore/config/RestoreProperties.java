package io.drautopilot.restore.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code dr.restore.*}: every knob of restore-service, with defaults that work against AWS.
 *
 * <pre>
 * dr.restore.work-directory: ${java.io.tmpdir}/dr-autopilot/restore  # import checkpoints; must survive restarts
 * dr.restore.wait.poll-interval: 5s        # table/restore job/Lambda/Route 53 status polls
 * dr.restore.wait.timeout: 60m
 * dr.restore.snapshot.scan-page-size: 500  # Scan Limit per page of an export
 * dr.restore.snapshot.checkpoint-every-batches: 20
 * dr.restore.snapshot.unprocessed-base-delay: 50ms
 * dr.restore.snapshot.unprocessed-max-delay: 5s
 * dr.restore.snapshot.unprocessed-max-attempts: 12
 * dr.restore.validation.wait-for-result: 30s   # how long a cutover waits for a validation result it has not seen yet
 * dr.restore.cache.ttl: 1h                 # sent with every PUT as X-Cache-TTL, with every Redis SET as EX (seconds)
 * dr.restore.cache.entity-types.user: User # warm only items with entityType = User for cache type "user"
 * dr.restore.cache.scan-segments: 4        # parallel Scan segments reading the items
 * dr.restore.cache.scan-page-size: 500
 * dr.restore.cache.max-concurrency: 64     # upper bound of a command's concurrency
 * dr.restore.cache.connect-timeout: 2s     # HTTP and Redis connections
 * dr.restore.cache.request-timeout: 5s     # one PUT, one Redis command
 * dr.restore.cache.put-max-attempts: 3     # attempts of one PUT or SET in all (429, 5xx, I/O errors, timeouts,
 *                                          #   Redis LOADING/BUSY/TRYAGAIN/MASTERDOWN/CLUSTERDOWN are retried)
 * dr.restore.cache.put-base-delay: 100ms
 * dr.restore.cache.put-max-delay: 2s
 * dr.restore.cache.redis.password:         # env DR_RESTORE_CACHE_REDIS_PASSWORD; for redis:// and rediss://
 *                                          #   endpoints, which must not carry credentials themselves; never logged
 * dr.restore.cache.redis.username:         # Redis 6 ACL user (with the password); blank: the default user
 * dr.restore.scratch-table-prefixes: backup-verification-test-   # the only tables DeleteScratchTable may delete
 * </pre>
 *
 * @param workDirectory        where imports keep their checkpoints; must survive restarts (default
 *                             {@code ${java.io.tmpdir}/dr-autopilot/restore})
 * @param waits                polling of long AWS operations ({@code dr.restore.wait.*}: {@code wait} cannot name a
 *                             record component)
 * @param snapshot             logical snapshot export and import
 * @param validation           the cutover's validation gate
 * @param cache                cache warming
 * @param scratchTablePrefixes the only tables DeleteScratchTable may delete
 */
@ConfigurationProperties("dr.restore")
public record RestoreProperties(
    Path workDirectory,
    @Name("wait") @DefaultValue Wait waits,
    @DefaultValue Snapshot snapshot,
    @DefaultValue Validation validation,
    @DefaultValue Cache cache,
    @DefaultValue("backup-verification-test-") List<String> scratchTablePrefixes) {

  public RestoreProperties {
    if (workDirectory == null) {
      workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "dr-autopilot", "restore");
    }
    scratchTablePrefixes = List.copyOf(scratchTablePrefixes);
  }

  /**
   * Polling of long AWS operations.
   *
   * @param pollInterval table, restore job, Lambda and Route 53 status polls
   * @param timeout      how long one operation is waited for
   */
  public record Wait(
      @DefaultValue("5s") Duration pollInterval, @DefaultValue("60m") Duration timeout) {}

  /**
   * Logical snapshot export and import.
   *
   * @param scanPageSize           Scan Limit per page of an export
   * @param checkpointEveryBatches an import writes its checkpoint every so many batches
   * @param unprocessedBaseDelay   first delay before unprocessed items are written again
   * @param unprocessedMaxDelay    longest such delay
   * @param unprocessedMaxAttempts attempts of one batch's unprocessed items in all
   */
  public record Snapshot(
      @DefaultValue("500") int scanPageSize,
      @DefaultValue("20") int checkpointEveryBatches,
      @DefaultValue("50ms") Duration unprocessedBaseDelay,
      @DefaultValue("5s") Duration unprocessedMaxDelay,
      @DefaultValue("12") int unprocessedMaxAttempts) {}

  /**
   * The cutover's validation gate.
   *
   * @param waitForResult how long a cutover waits for a validation result it has not seen yet
   */
  public record Validation(@DefaultValue("30s") Duration waitForResult) {}

  /**
   * Cache warming.
   *
   * @param ttl            sent with every PUT as X-Cache-TTL, with every Redis SET as EX (seconds)
   * @param entityTypes    cache type to the {@code entityType} of the items warmed for it (e.g. {@code user:
   *                       User}); a cache type not listed here gets every item
   * @param scanSegments   parallel Scan segments reading the items
   * @param scanPageSize   Scan Limit per page
   * @param maxConcurrency upper bound of a command's concurrency
   * @param connectTimeout HTTP and Redis connections
   * @param requestTimeout one PUT, one Redis command
   * @param putMaxAttempts attempts of one PUT or SET in all (429, 5xx, I/O errors, timeouts, Redis
   *                       LOADING/BUSY/TRYAGAIN/MASTERDOWN/CLUSTERDOWN are retried)
   * @param putBaseDelay   first delay before a PUT or SET is tried again
   * @param putMaxDelay    longest such delay
   * @param redis          credentials of Redis caches
   */
  public record Cache(
      @DefaultValue("1h") Duration ttl,
      @DefaultValue Map<String, String> entityTypes,
      @DefaultValue("4") int scanSegments,
      @DefaultValue("500") int scanPageSize,
      @DefaultValue("64") int maxConcurrency,
      @DefaultValue("2s") Duration connectTimeout,
      @DefaultValue("5s") Duration requestTimeout,
      @DefaultValue("3") int putMaxAttempts,
      @DefaultValue("100ms") Duration putBaseDelay,
      @DefaultValue("2s") Duration putMaxDelay,
      @DefaultValue Redis redis) {

    public Cache {
      entityTypes = Map.copyOf(entityTypes);
    }

    /**
     * Credentials of a Redis cache, never part of its endpoint.
     *
     * @param username Redis 6 ACL user (with the password); blank: the default user
     * @param password env {@code DR_RESTORE_CACHE_REDIS_PASSWORD}; for redis:// and rediss:// endpoints,
     *                 which must not carry credentials themselves; never logged
     */
    public record Redis(String username, String password) {

      @Override
      public String toString() {
        return "Redis{username="
            + username
            + ", password="
            + (password == null || password.isEmpty() ? "none" : "***")
            + "}";
      }
    }
  }
}
