package io.drautopilot.restore.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
 */
@ConfigurationProperties("dr.restore")
public class RestoreProperties {

  private Path workDirectory =
      Path.of(System.getProperty("java.io.tmpdir"), "dr-autopilot", "restore");
  private final Wait wait = new Wait();
  private final Snapshot snapshot = new Snapshot();
  private final Validation validation = new Validation();
  private final Cache cache = new Cache();
  private List<String> scratchTablePrefixes = new ArrayList<>(List.of("backup-verification-test-"));

  public Path getWorkDirectory() {
    return workDirectory;
  }

  public void setWorkDirectory(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  public Wait getWait() {
    return wait;
  }

  public Snapshot getSnapshot() {
    return snapshot;
  }

  public Validation getValidation() {
    return validation;
  }

  public Cache getCache() {
    return cache;
  }

  public List<String> getScratchTablePrefixes() {
    return scratchTablePrefixes;
  }

  public void setScratchTablePrefixes(List<String> scratchTablePrefixes) {
    this.scratchTablePrefixes = scratchTablePrefixes;
  }

  /** Polling of long AWS operations. */
  public static class Wait {
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofMinutes(60);

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** Logical snapshot export and import. */
  public static class Snapshot {
    private int scanPageSize = 500;
    private int checkpointEveryBatches = 20;
    private Duration unprocessedBaseDelay = Duration.ofMillis(50);
    private Duration unprocessedMaxDelay = Duration.ofSeconds(5);
    private int unprocessedMaxAttempts = 12;

    public int getScanPageSize() {
      return scanPageSize;
    }

    public void setScanPageSize(int scanPageSize) {
      this.scanPageSize = scanPageSize;
    }

    public int getCheckpointEveryBatches() {
      return checkpointEveryBatches;
    }

    public void setCheckpointEveryBatches(int checkpointEveryBatches) {
      this.checkpointEveryBatches = checkpointEveryBatches;
    }

    public Duration getUnprocessedBaseDelay() {
      return unprocessedBaseDelay;
    }

    public void setUnprocessedBaseDelay(Duration unprocessedBaseDelay) {
      this.unprocessedBaseDelay = unprocessedBaseDelay;
    }

    public Duration getUnprocessedMaxDelay() {
      return unprocessedMaxDelay;
    }

    public void setUnprocessedMaxDelay(Duration unprocessedMaxDelay) {
      this.unprocessedMaxDelay = unprocessedMaxDelay;
    }

    public int getUnprocessedMaxAttempts() {
      return unprocessedMaxAttempts;
    }

    public void setUnprocessedMaxAttempts(int unprocessedMaxAttempts) {
      this.unprocessedMaxAttempts = unprocessedMaxAttempts;
    }
  }

  /** The cutover's validation gate. */
  public static class Validation {
    private Duration waitForResult = Duration.ofSeconds(30);

    public Duration getWaitForResult() {
      return waitForResult;
    }

    public void setWaitForResult(Duration waitForResult) {
      this.waitForResult = waitForResult;
    }
  }

  /** Cache warming. */
  public static class Cache {
    private Duration ttl = Duration.ofHours(1);
    private Map<String, String> entityTypes = new HashMap<>();
    private int scanSegments = 4;
    private int scanPageSize = 500;
    private int maxConcurrency = 64;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(5);
    private int putMaxAttempts = 3;
    private Duration putBaseDelay = Duration.ofMillis(100);
    private Duration putMaxDelay = Duration.ofSeconds(2);
    private final Redis redis = new Redis();

    public Redis getRedis() {
      return redis;
    }

    public Duration getTtl() {
      return ttl;
    }

    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }

    public Map<String, String> getEntityTypes() {
      return entityTypes;
    }

    public void setEntityTypes(Map<String, String> entityTypes) {
      this.entityTypes = entityTypes;
    }

    public int getScanSegments() {
      return scanSegments;
    }

    public void setScanSegments(int scanSegments) {
      this.scanSegments = scanSegments;
    }

    public int getScanPageSize() {
      return scanPageSize;
    }

    public void setScanPageSize(int scanPageSize) {
      this.scanPageSize = scanPageSize;
    }

    public int getMaxConcurrency() {
      return maxConcurrency;
    }

    public void setMaxConcurrency(int maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }

    public int getPutMaxAttempts() {
      return putMaxAttempts;
    }

    public void setPutMaxAttempts(int putMaxAttempts) {
      this.putMaxAttempts = putMaxAttempts;
    }

    public Duration getPutBaseDelay() {
      return putBaseDelay;
    }

    public void setPutBaseDelay(Duration putBaseDelay) {
      this.putBaseDelay = putBaseDelay;
    }

    public Duration getPutMaxDelay() {
      return putMaxDelay;
    }

    public void setPutMaxDelay(Duration putMaxDelay) {
      this.putMaxDelay = putMaxDelay;
    }

    /** Credentials of a Redis cache, never part of its endpoint. */
    public static class Redis {
      private String username;
      private String password;

      public String getUsername() {
        return username;
      }

      public void setUsername(String username) {
        this.username = username;
      }

      public String getPassword() {
        return password;
      }

      public void setPassword(String password) {
        this.password = password;
      }

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
