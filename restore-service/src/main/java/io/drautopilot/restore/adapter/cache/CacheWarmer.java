package io.drautopilot.restore.adapter.cache;

import io.drautopilot.restore.adapter.aws.DynamoJson;
import io.drautopilot.restore.adapter.aws.RegionalClients;
import io.drautopilot.restore.domain.CacheKeys;
import io.drautopilot.restore.domain.ProgressListener;
import io.drautopilot.restore.domain.RestoreRefusedException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * WarmCache: reads up to {@code itemLimit} items of a table and puts them into the cache over HTTP.
 *
 * <p>"Frequently accessed" items: DynamoDB keeps no access counts, so the items are those a bounded
 * parallel Scan returns first ({@code scanSegments} segments, stopping as soon as {@code itemLimit}
 * items are taken), restricted to {@code entityType = <entity>} when the cache type has an entity
 * configured. Scan threads hand items through a queue of {@code 2 x batchSize} items, and the caller
 * sends them in batches of {@code batchSize}, each batch with at most {@code concurrency} PUTs in
 * flight, so memory holds a few batches whatever the table size. Progress is reported after every
 * batch. If the first batch reaches nothing (every PUT failed without an answer) the endpoint is
 * taken as unreachable and the action stops with the retryable {@code CacheUnreachable}.
 */
public class CacheWarmer {

  private static final Logger log = LoggerFactory.getLogger(CacheWarmer.class);

  /**
   * @param entityTypes the {@code entityType} value of each cache type's items; cache types not in it are not filtered
   */
  public record Options(Duration ttl, Map<String, String> entityTypes, int scanSegments, int scanPageSize,
                        int maxConcurrency) {}

  /** One WarmCacheCommand's parameters. */
  public record Request(String cacheType, String tableName, String region, String cacheEndpoint, int batchSize,
                        int concurrency, int itemLimit) {}

  /** How many items went into the cache, how many could not. */
  public record Warmed(long itemsWarmed, long itemsFailed, Duration duration) {}

  private final Function<String, DynamoDbClient> dynamo;
  private final HttpCache cache;
  private final Options options;

  public CacheWarmer(RegionalClients<DynamoDbClient> dynamo, HttpCache cache, Options options) {
    this(dynamo::forRegion, cache, options);
  }

  public CacheWarmer(Function<String, DynamoDbClient> dynamo, HttpCache cache, Options options) {
    this.dynamo = dynamo;
    this.cache = cache;
    this.options = options;
  }

  public Warmed warm(Request r, ProgressListener progress) {
    validate(r);
    long started = System.nanoTime();
    DynamoDbClient client = dynamo.apply(r.region());
    TableDescription table = client.describeTable(b -> b.tableName(r.tableName())).table();
    String hashKey = keyAttribute(table, KeyType.HASH);
    String rangeKey = keyAttribute(table, KeyType.RANGE);
    String entity = options.entityTypes().get(r.cacheType());
    Long expected = entity == null && table.itemCount() != null
        ? Math.min(r.itemLimit(), table.itemCount()) : Long.valueOf(r.itemLimit());
    int concurrency = Math.min(r.concurrency(), options.maxConcurrency());

    BlockingQueue<Map<String, AttributeValue>> items = new ArrayBlockingQueue<>(2 * r.batchSize());
    AtomicLong taken = new AtomicLong();
    int segments = options.scanSegments();
    ExecutorService scanners = Executors.newFixedThreadPool(segments, daemon("warm-cache-scan-" + r.tableName()));
    ExecutorService senders = Executors.newFixedThreadPool(concurrency, daemon("warm-cache-put-" + r.cacheType()));
    long warmed = 0;
    long failed = 0;
    try {
      List<Future<?>> scans = new ArrayList<>();
      for (int i = 0; i < segments; i++) {
        int segment = i;
        scans.add(scanners.submit(() -> {
          scanSegment(client, r, entity, segment, segments, taken, items);
          return null;
        }));
      }
      List<Map<String, AttributeValue>> batch = new ArrayList<>(r.batchSize());
      boolean scanning = true;
      while (scanning || !batch.isEmpty()) {
        if (scanning) {
          Map<String, AttributeValue> item = items.poll(20, TimeUnit.MILLISECONDS);
          if (item != null) {
            batch.add(item);
          } else if (scans.stream().allMatch(Future::isDone)) {
            rethrowFailure(scans);
            scanning = false;
            items.drainTo(batch);
          }
        }
        while (batch.size() >= r.batchSize() || (!scanning && !batch.isEmpty())) {
          List<Map<String, AttributeValue>> send = new ArrayList<>(batch.subList(0, Math.min(r.batchSize(), batch.size())));
          batch.subList(0, send.size()).clear();
          long[] counts = sendBatch(send, r, hashKey, rangeKey, senders);
          boolean nothingReached = warmed == 0 && counts[0] == 0 && counts[2] == send.size();
          warmed += counts[0];
          failed += counts[1] + counts[2];
          if (nothingReached) {
            throw new RestoreRefusedException("CacheUnreachable", "no answer from the cache at " + r.cacheEndpoint()
                + " for any of the first " + send.size() + " items", true);
          }
          progress.progress(warmed + failed, Math.max(expected, warmed + failed),
              rate(warmed + failed, started), "warming " + r.cacheType() + " cache: " + warmed + " warmed, "
                  + failed + " failed");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while warming the " + r.cacheType() + " cache", e);
    } finally {
      scanners.shutdownNow();
      senders.shutdownNow();
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    progress.progress(warmed + failed, warmed + failed, rate(warmed + failed, started),
        r.cacheType() + " cache warmed: " + warmed + " items, " + failed + " failed");
    log.info("{} cache warmed from {}: {} items, {} failed in {} ms", r.cacheType(), r.tableName(), warmed, failed,
        duration.toMillis());
    return new Warmed(warmed, failed, duration);
  }

  private void scanSegment(DynamoDbClient client, Request r, String entity, int segment, int segments,
                           AtomicLong taken, BlockingQueue<Map<String, AttributeValue>> items)
      throws InterruptedException {
    Map<String, AttributeValue> startKey = null;
    do {
      if (taken.get() >= r.itemLimit()) {
        return;
      }
      Map<String, AttributeValue> from = startKey;
      ScanResponse page = client.scan(b -> {
        b.tableName(r.tableName()).segment(segment).totalSegments(segments)
            .limit(Math.min(options.scanPageSize(), r.itemLimit()));
        if (entity != null) {
          b.filterExpression("#entityType = :entity").expressionAttributeNames(Map.of("#entityType", "entityType"))
              .expressionAttributeValues(Map.of(":entity", AttributeValue.fromS(entity)));
        }
        if (from != null) {
          b.exclusiveStartKey(from);
        }
      });
      for (Map<String, AttributeValue> item : page.items()) {
        if (taken.incrementAndGet() > r.itemLimit()) {
          return;
        }
        items.put(item);
      }
      startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (startKey != null);
  }

  /** @return {stored, failed, unreachable} */
  private long[] sendBatch(List<Map<String, AttributeValue>> batch, Request r, String hashKey, String rangeKey,
                           ExecutorService senders) throws InterruptedException {
    List<Future<HttpCache.Outcome>> puts = new ArrayList<>(batch.size());
    for (Map<String, AttributeValue> item : batch) {
      String url = CacheKeys.url(r.cacheEndpoint(), r.cacheType(), CacheKeys.keyOf(item, hashKey, rangeKey));
      String body = DynamoJson.toLine(item);
      puts.add(senders.submit(() -> cache.put(url, body, options.ttl())));
    }
    long[] counts = new long[3];
    for (Future<HttpCache.Outcome> put : puts) {
      try {
        counts[put.get().ordinal()]++;
      } catch (ExecutionException e) {
        counts[HttpCache.Outcome.FAILED.ordinal()]++;
        log.warn("cache PUT failed: {}", e.getCause().toString());
      }
    }
    return counts;
  }

  private void validate(Request r) {
    if (r.batchSize() < 1 || r.concurrency() < 1 || r.itemLimit() < 1) {
      throw new RestoreRefusedException("InvalidCacheWarmingParameters",
          "batchSize, concurrency and itemLimit must be at least 1", false);
    }
    URI endpoint;
    try {
      endpoint = URI.create(r.cacheEndpoint());
    } catch (IllegalArgumentException e) {
      throw new RestoreRefusedException("UnsupportedCacheEndpoint", "not a URL: " + r.cacheEndpoint(), false);
    }
    if (!"http".equalsIgnoreCase(endpoint.getScheme()) && !"https".equalsIgnoreCase(endpoint.getScheme())) {
      throw new RestoreRefusedException("UnsupportedCacheEndpoint",
          "only http(s) cache endpoints are supported, not " + r.cacheEndpoint(), false);
    }
  }

  private static void rethrowFailure(List<Future<?>> scans) throws InterruptedException {
    for (Future<?> f : scans) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private static String keyAttribute(TableDescription table, KeyType type) {
    return table.keySchema().stream().filter(k -> k.keyType() == type).map(KeySchemaElement::attributeName)
        .findFirst().orElse(null);
  }

  private static Double rate(long done, long startedNanos) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    return seconds <= 0 ? null : done / seconds;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }
}
