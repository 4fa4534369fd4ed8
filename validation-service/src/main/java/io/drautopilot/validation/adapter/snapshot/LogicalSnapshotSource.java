package io.drautopilot.validation.adapter.snapshot;

import io.drautopilot.snapshots.Snapshot;
import io.drautopilot.snapshots.SnapshotLocation;
import io.drautopilot.snapshots.SnapshotManifest;
import io.drautopilot.snapshots.SnapshotStore;
import io.drautopilot.validation.adapter.aws.CanonicalItems;
import io.drautopilot.validation.adapter.aws.ParallelParts;
import io.drautopilot.validation.domain.ItemSource;
import io.drautopilot.validation.domain.KeyElement;
import io.drautopilot.validation.domain.ScannedItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A logical snapshot written by restore-service, read as an {@link ItemSource} through the shared
 * {@link SnapshotStore} (a directory or {@code s3://bucket/prefix}): {@code manifest.json} (written
 * last; only a complete one makes the snapshot usable) and {@code segment-<i>.jsonl.gz}, one
 * {@code {"Item": {...}}} per line. The location is either one snapshot or the table's directory
 * ({@code <location>/<table>}), meaning its latest complete snapshot.
 */
public final class LogicalSnapshotSource implements ItemSource {

  private final JsonMapper json;
  private final Snapshot snapshot;
  private final SnapshotManifest manifest;

  public LogicalSnapshotSource(JsonMapper json, SnapshotStore store, String location) {
    this.json = json;
    SnapshotLocation.Listed found;
    try {
      found =
          store
              .complete(location)
              .orElseThrow(
                  () ->
                      new SnapshotNotUsableException(
                          "no complete snapshot (manifest.json with complete=true) at "
                              + location));
    } catch (IllegalArgumentException e) {
      throw new SnapshotNotUsableException(e.getMessage());
    }
    this.snapshot = found.snapshot();
    this.manifest = found.manifest();
  }

  /** The snapshot actually read (the latest complete one when a table directory was given). */
  public Snapshot snapshot() {
    return snapshot;
  }

  @Override
  public String name() {
    return manifest.tableName() + "@" + snapshot.name();
  }

  @Override
  public List<KeyElement> keySchema() {
    return manifest.keySchema().stream()
        .map(k -> new KeyElement(k.attributeName(), k.keyType()))
        .toList();
  }

  @Override
  public long approximateItemCount() {
    return manifest.itemCount();
  }

  @Override
  public void scan(int segments, long perSegmentLimit, Consumer<ScannedItem> sink) {
    int files = manifest.segments();
    List<String> keys =
        keySchema().stream()
            .sorted((a, b) -> a.keyType().compareTo(b.keyType()))
            .map(KeyElement::attributeName)
            .toList();
    if (files <= 0) {
      return;
    }
    int threads = Math.max(1, Math.min(segments, files));
    ParallelParts.run(
        "snapshot-" + snapshot.name(),
        threads,
        t -> {
          for (int f = t; f < files; f += threads) {
            readSegment(f, perSegmentLimit, keys, sink);
          }
        });
  }

  private void readSegment(int segment, long limit, List<String> keys, Consumer<ScannedItem> sink) {
    CanonicalItems canonical = new CanonicalItems(keys);
    long seen = 0;
    try (InputStream in = new GZIPInputStream(snapshot.openSegment(segment), 1 << 16);
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode item = json.readTree(line).path("Item");
        sink.accept(canonical.scanned(DynamoDbJson.item(item)));
        if (limit > 0 && ++seen >= limit) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read segment " + segment + " of snapshot " + snapshot.uri(), e);
    }
  }
}
