package io.drautopilot.restore.adapter.aws;

import io.drautopilot.messaging.command.ProgressListener;
import io.drautopilot.snapshots.Snapshot;
import io.drautopilot.snapshots.SnapshotLocation;
import io.drautopilot.snapshots.SnapshotManifest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * ExportTableSnapshot: a parallel segmented Scan of a table into a logical snapshot
 * ({@code <location>/<table>/<takenAt>/segment-<i>.jsonl.gz}, then {@code manifest.json}) in a
 * local directory or under {@code s3://bucket/prefix} (each segment a streamed multipart upload).
 *
 * <p>One thread per segment, each holding one Scan page at a time, so memory stays bounded by
 * {@code segments x page size} whatever the table size. {@code takenAt} is the instant the scan
 * starts: every write acknowledged before it is in the snapshot (later ones may be too), which is
 * what choosing "the latest snapshot at or before the impact start" needs.
 *
 * <p>Usable on its own (the sandbox takes scheduled snapshots with it) and through
 * {@code ExportTableSnapshotCommand}.
 */
public class TableSnapshotExporter {

  /**
   * @param segments parallel Scan segments (= threads = segment files)
   * @param pageSize Scan Limit per page, or null for DynamoDB's 1 MB pages
   */
  public record Options(int segments, Integer pageSize, Clock clock) {
    public Options {
      if (segments < 1) {
        throw new IllegalArgumentException("segments must be at least 1");
      }
    }

    public static Options defaults() {
      return new Options(4, 500, Clock.systemUTC());
    }

    public Options withSegments(int n) {
      return new Options(n, pageSize, clock);
    }
  }

  /** Where the snapshot went and what it holds. */
  public record Exported(Snapshot snapshot, SnapshotManifest manifest, Duration duration) {

    /** Where the snapshot is: a directory path or an {@code s3://} URI. */
    public String uri() {
      return snapshot.uri();
    }
  }

  private final DynamoDbClient dynamo;
  private final Options options;

  public TableSnapshotExporter(DynamoDbClient dynamo, Options options) {
    this.dynamo = dynamo;
    this.options = options;
  }

  public Exported export(
      String tableName, String region, SnapshotLocation location, ProgressListener progress) {
    Instant takenAt = options.clock().instant();
    long started = System.nanoTime();
    TableDescription table = dynamo.describeTable(b -> b.tableName(tableName)).table();
    String ttlAttribute = ttlAttribute(tableName);
    Long approximateTotal = table.itemCount();
    Snapshot snapshot = location.snapshot(tableName, takenAt);

    int segments = options.segments();
    AtomicLong scanned = new AtomicLong();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            segments,
            r -> {
              Thread t = new Thread(r, "export-" + tableName);
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int i = 0; i < segments; i++) {
        int segment = i;
        futures.add(
            pool.submit(
                () ->
                    scanSegment(
                        tableName,
                        segment,
                        segments,
                        snapshot,
                        scanned,
                        approximateTotal,
                        started,
                        progress)));
      }
      long total = 0;
      for (Future<Long> f : futures) {
        total += await(f);
      }
      SnapshotManifest manifest = manifest(table, ttlAttribute, region, takenAt, total);
      snapshot.writeManifest(manifest);
      Duration duration = Duration.ofNanos(System.nanoTime() - started);
      progress.progress(
          total, total, rate(total, started), "snapshot of " + tableName + " complete");
      return new Exported(snapshot, manifest, duration);
    } finally {
      pool.shutdownNow();
    }
  }

  private long scanSegment(
      String tableName,
      int segment,
      int totalSegments,
      Snapshot snapshot,
      AtomicLong scanned,
      Long approximateTotal,
      long started,
      ProgressListener progress)
      throws IOException {
    long count = 0;
    try (OutputStream out = snapshot.createSegment(segment);
        Writer writer =
            new BufferedWriter(
                new OutputStreamWriter(
                    new GZIPOutputStream(out, 64 * 1024), StandardCharsets.UTF_8),
                64 * 1024)) {
      Map<String, AttributeValue> startKey = null;
      do {
        Map<String, AttributeValue> from = startKey;
        ScanResponse page =
            dynamo.scan(
                b -> {
                  b.tableName(tableName).segment(segment).totalSegments(totalSegments);
                  if (options.pageSize() != null) {
                    b.limit(options.pageSize());
                  }
                  if (from != null) {
                    b.exclusiveStartKey(from);
                  }
                });
        for (Map<String, AttributeValue> item : page.items()) {
          writer.write(DynamoJson.toLine(item));
          writer.write('\n');
        }
        count += page.items().size();
        long done = scanned.addAndGet(page.items().size());
        progress.progress(done, approximateTotal, rate(done, started), "exporting " + tableName);
        startKey =
            page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? page.lastEvaluatedKey()
                : null;
      } while (startKey != null);
    }
    return count;
  }

  /** The table's shape as the import needs it: keys, secondary indexes, TTL attribute. */
  private SnapshotManifest manifest(
      TableDescription table, String ttlAttribute, String region, Instant takenAt, long itemCount) {
    return new SnapshotManifest(
        table.tableName(),
        region,
        takenAt,
        options.segments(),
        itemCount,
        keys(table.keySchema()),
        table.attributeDefinitions().stream()
            .map(
                a ->
                    new SnapshotManifest.AttributeDefinition(
                        a.attributeName(), a.attributeTypeAsString()))
            .toList(),
        true,
        table.globalSecondaryIndexes().stream()
            .map(i -> index(i.indexName(), i.keySchema(), i.projection()))
            .toList(),
        table.localSecondaryIndexes().stream()
            .map(i -> index(i.indexName(), i.keySchema(), i.projection()))
            .toList(),
        ttlAttribute);
  }

  private static List<SnapshotManifest.KeyElement> keys(List<KeySchemaElement> schema) {
    return schema.stream()
        .map(k -> new SnapshotManifest.KeyElement(k.attributeName(), k.keyTypeAsString()))
        .toList();
  }

  private static SnapshotManifest.SecondaryIndex index(
      String name, List<KeySchemaElement> schema, Projection p) {
    return new SnapshotManifest.SecondaryIndex(
        name,
        keys(schema),
        p == null ? "ALL" : p.projectionTypeAsString(),
        p == null ? List.of() : p.nonKeyAttributes());
  }

  /** The TTL attribute when TTL is on (or being turned on), else null. */
  private String ttlAttribute(String tableName) {
    TimeToLiveDescription ttl =
        dynamo.describeTimeToLive(b -> b.tableName(tableName)).timeToLiveDescription();
    boolean on =
        ttl != null
            && ttl.attributeName() != null
            && (ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING);
    return on ? ttl.attributeName() : null;
  }

  static Double rate(long done, long startedNanos) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    return seconds <= 0 ? null : done / seconds;
  }

  static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
