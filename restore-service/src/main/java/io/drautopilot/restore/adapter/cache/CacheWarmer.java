package io.drautopilot.restore.adapter.cache;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.messaging.command.ProgressListener;
import io.drautopilot.restore.adapter.aws.DynamoJson;
import io.drautopilot.restore.domain.CacheKeys;
import io.drautopilot.restore.domain.RestoreRefusedException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * WarmCache: reads up to {@code itemLimit} items of a table and puts them into a cache, over HTTP
 * ({@link HttpCache}) or Redis ({@link RedisCache}), chosen by the endpoint's scheme.
 *
 * <p>"Frequently accessed" items: DynamoDB keeps no access counts, so the items are those a bounded
 * parallel Scan returns first ({@code scanSegments} segments, stopping as soon as {@code itemLimit}
 * items are taken), restricted to {@code entityType = <entity>} when the cache type has an entity
 * configured. Scan threads hand items through a queue of {@code 2 x batchSize} items, and the caller
 * hands them to the {@link CacheTarget} in batches of {@code batchSize}, each batch with at most
 * {@code concurrency} writes in flight, so memory holds a few batches whatever the table size.
 * Progress is reported after every batch. If the first batch reaches nothing (every write failed
 * without an answer) the endpoint is taken as unreachable and the action stops with the retryable
 * {@code CacheUnreachable}.
 */
public class CacheWarmer {

  private static final Logger log = LoggerFactory.getLogger(CacheWarmer.class);

  /**
   * @param entityTypes the {@code entityType} value of each cache type's items; cache types not in it are not filtered
   */
  public record Options(
      Duration ttl,
      Map<String, String> entityTypes,
      int scanSegments,
      int scanPageSize,
      int maxConcurrency) {}

  /** One WarmCacheCommand's parameters. */
  public record Request(
      String cacheType,
      String tableName,
      String region,
      String cacheEndpoint,
      int batchSize,
      int concurrency,
      int itemLimit) {}

  /** How many items went into the cache, how many could not. */
  public record Warmed(long itemsWarmed, long itemsFailed, Duration duration) {}

  private final Function<String, DynamoDbClient> dynamo;
  private final Map<String, CacheTarget.Factory> caches = new LinkedHashMap<>();
  private final Options options;

  public CacheWarmer(
      RegionalClients<DynamoDbClient> dynamo, List<CacheTarget.Factory> caches, Options options) {
    this(dynamo::forRegion, caches, options);
  }

  /** @param caches one factory per supported endpoint scheme */
  public CacheWarmer(
      Function<String, DynamoDbClient> dynamo, List<CacheTarget.Factory> caches, Options options) {
    this.dynamo = dynamo;
    for (CacheTarget.Factory cache : caches) {
      for (String scheme : cache.schemes()) {
        if (this.caches.putIfAbsent(scheme.toLowerCase(Locale.ROOT), cache) != null) {
          throw new IllegalArgumentException("two caches for the scheme " + scheme);
        }
      }
    }
    this.options = options;
  }

  public Warmed warm(Request r, ProgressListener progress) {
    Endpoint endpoint = validate(r);
    long started = System.nanoTime();
    DynamoDbClient client = dynamo.apply(r.region());
    TableDescription table = client.describeTable(b -> b.tableName(r.tableName())).table();
    String hashKey = keyAttribute(table, KeyType.HASH);
    String rangeKey = keyAttribute(table, KeyType.RANGE);
    String entity = options.entityTypes().get(r.cacheType());
    Long expected =
        entity == null && table.itemCount() != null
            ? Math.min(r.itemLimit(), table.itemCount())
            : Long.valueOf(r.itemLimit());
    int concurrency = Math.min(r.concurrency(), options.maxConcurrency());

    BlockingQueue<Map<String, AttributeValue>> items = new ArrayBlockingQueue<>(2 * r.batchSize());
    AtomicLong taken = new AtomicLong();
    int segments = options.scanSegments();
    ExecutorService scanners =
        Executors.newFixedThreadPool(segments, daemon("warm-cache-scan-" + r.tableName()));
    long warmed = 0;
    long failed = 0;
    try (CacheTarget target =
        endpoint.cache().open(endpoint.uri(), r.cacheType(), options.ttl(), concurrency)) {
      List<Future<?>> scans = new ArrayList<>();
      for (int i = 0; i < segments; i++) {
        int segment = i;
        scans.add(
            scanners.submit(
                () -> {
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
          List<Map<String, AttributeValue>> send =
              new ArrayList<>(batch.subList(0, Math.min(r.batchSize(), batch.size())));
          batch.subList(0, send.size()).clear();
          long[] counts = sendBatch(send, hashKey, rangeKey, target);
          boolean nothingReached = warmed == 0 && counts[0] == 0 && counts[2] == send.size();
          warmed += counts[0];
          failed += counts[1] + counts[2];
          if (nothingReached) {
            throw new RestoreRefusedException(
                "CacheUnreachable",
                "no answer from the cache at "
                    + CacheEndpoints.redact(r.cacheEndpoint())
                    + " for any of the first "
                    + send.size()
                    + " items",
                true);
          }
          progress.progress(
              warmed + failed,
              Math.max(expected, warmed + failed),
              rate(warmed + failed, started),
              "warming " + r.cacheType() + " cache: " + warmed + " warmed, " + failed + " failed");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while warming the " + r.cacheType() + " cache", e);
    } finally {
      scanners.shutdownNow();
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    progress.progress(
        warmed + failed,
        warmed + failed,
        rate(warmed + failed, started),
        r.cacheType() + " cache warmed: " + warmed + " items, " + failed + " failed");
    log.info(
        "{} cache warmed from {}: {} items, {} failed in {} ms",
        r.cacheType(),
        r.tableName(),
        warmed,
        failed,
        duration.toMillis());
    return new Warmed(warmed, failed, duration);
  }

  private void scanSegment(
      DynamoDbClient client,
      Request r,
      String entity,
      int segment,
      int segments,
      AtomicLong taken,
      BlockingQueue<Map<String, AttributeValue>> items)
      throws InterruptedException {
    Map<String, AttributeValue> startKey = null;
    do {
      if (taken.get() >= r.itemLimit()) {
        return;
      }
      Map<String, AttributeValue> from = startKey;
      ScanResponse page =
          client.scan(
              b -> {
                b.tableName(r.tableName())
                    .segment(segment)
                    .totalSegments(segments)
                    .limit(Math.min(options.scanPageSize(), r.itemLimit()));
                if (entity != null) {
                  b.filterExpression("#entityType = :entity")
                      .expressionAttributeNames(Map.of("#entityType", "entityType"))
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
      startKey =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (startKey != null);
  }

  /** @return {stored, failed, unreachable} */
  private static long[] sendBatch(
      List<Map<String, AttributeValue>> batch, String hashKey, String rangeKey, CacheTarget target)
      throws InterruptedException {
    List<CacheTarget.Entry> entries = new ArrayList<>(batch.size());
    for (Map<String, AttributeValue> item : batch) {
      entries.add(
          new CacheTarget.Entry(CacheKeys.keyOf(item, hashKey, rangeKey), DynamoJson.toLine(item)));
    }
    long[] counts = new long[3];
    for (CacheTarget.Outcome outcome : target.store(entries)) {
      counts[outcome.ordinal()]++;
    }
    return counts;
  }

  /** A validated endpoint and the cache serving its scheme. */
  private record Endpoint(URI uri, CacheTarget.Factory cache) {}

  private Endpoint validate(Request r) {
    if (r.batchSize() < 1 || r.concurrency() < 1 || r.itemLimit() < 1) {
      throw new RestoreRefusedException(
          "InvalidCacheWarmingParameters",
          "batchSize, concurrency and itemLimit must be at least 1",
          false);
    }
    URI endpoint;
    try {
      endpoint = URI.create(r.cacheEndpoint());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new RestoreRefusedException(
          "UnsupportedCacheEndpoint",
          "not a URL: " + CacheEndpoints.redact(r.cacheEndpoint()),
          false);
    }
    CacheTarget.Factory cache =
        endpoint.getScheme() == null
            ? null
            : caches.get(endpoint.getScheme().toLowerCase(Locale.ROOT));
    if (cache == null) {
      throw new RestoreRefusedException(
          "UnsupportedCacheEndpoint",
          "supported cache endpoints are "
              + String.join(", ", caches.keySet().stream().map(s -> s + "://").toList())
              + "; not "
              + CacheEndpoints.redact(r.cacheEndpoint()),
          false);
    }
    cache.validate(endpoint);
    return new Endpoint(endpoint, cache);
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
    return table.keySchema().stream()
        .filter(k -> k.keyType() == type)
        .map(KeySchemaElement::attributeName)
        .findFirst()
        .orElse(null);
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
