package io.drautopilot.validation.adapter.snapshot;

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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A logical snapshot written by restore-service, read as an {@link ItemSource}:
 * {@code <location>/<table>/<yyyyMMdd'T'HHmmssSSS'Z'>/manifest.json} (written last; only a complete
 * one makes the directory usable) and {@code segment-<i>.jsonl.gz}, one {@code {"Item": {...}}} per
 * line. The location is either one snapshot directory or the table's directory, meaning its latest
 * complete snapshot (the directory names sort by time).
 */
public final class LogicalSnapshotSource implements ItemSource {

  private final JsonMapper json;
  private final Path directory;
  private final JsonNode manifest;

  public LogicalSnapshotSource(JsonMapper json, String location) {
    this.json = json;
    Path given = path(location);
    if (!Files.isDirectory(given)) {
      throw new SnapshotNotUsableException("snapshot location " + location + " is not a directory");
    }
    Optional<JsonNode> own = completeManifest(given);
    if (own.isPresent()) {
      this.directory = given;
      this.manifest = own.get();
    } else {
      Path latest = latestComplete(given).orElseThrow(() ->
          new SnapshotNotUsableException("no complete snapshot (manifest.json with complete=true) at " + location));
      this.directory = latest;
      this.manifest = completeManifest(latest).orElseThrow();
    }
  }

  private static Path path(String location) {
    if (location.startsWith("file:")) {
      return Path.of(URI.create(location));
    }
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new SnapshotNotUsableException("snapshot location scheme not supported: " + location);
    }
    return Path.of(location);
  }

  private Optional<JsonNode> completeManifest(Path dir) {
    Path m = dir.resolve("manifest.json");
    if (!Files.isRegularFile(m)) {
      return Optional.empty();
    }
    try {
      JsonNode node = json.readTree(Files.readString(m));
      return node.path("complete").asBoolean(false) ? Optional.of(node) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      // a half-written or foreign manifest: the directory is not usable, a sibling may be
      return Optional.empty();
    }
  }

  private Optional<Path> latestComplete(Path tableDir) {
    try (Stream<Path> children = Files.list(tableDir)) {
      return children.filter(Files::isDirectory)
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .filter(p -> completeManifest(p).isPresent())
          .findFirst();
    } catch (IOException e) {
      throw new SnapshotNotUsableException("cannot list " + tableDir + ": " + e.getMessage(), e);
    }
  }

  /** The snapshot directory actually read (the latest complete one when a table directory was given). */
  public Path directory() {
    return directory;
  }

  @Override
  public String name() {
    return manifest.path("tableName").asString("") + "@" + directory.getFileName();
  }

  @Override
  public List<KeyElement> keySchema() {
    List<KeyElement> keys = new ArrayList<>();
    for (JsonNode k : manifest.path("keySchema").values()) {
      keys.add(new KeyElement(k.path("attributeName").asString(), k.path("keyType").asString()));
    }
    return keys;
  }

  @Override
  public long approximateItemCount() {
    return manifest.path("itemCount").asLong(-1);
  }

  @Override
  public void scan(int segments, long perSegmentLimit, Consumer<ScannedItem> sink) {
    int files = manifest.path("segments").asInt(0);
    List<String> keys = keySchema().stream()
        .sorted((a, b) -> a.keyType().compareTo(b.keyType()))
        .map(KeyElement::attributeName).toList();
    if (files <= 0) {
      return;
    }
    int threads = Math.max(1, Math.min(segments, files));
    ParallelParts.run("snapshot-" + directory.getFileName(), threads, t -> {
      for (int f = t; f < files; f += threads) {
        readSegment(f, perSegmentLimit, keys, sink);
      }
    });
  }

  private void readSegment(int segment, long limit, List<String> keys, Consumer<ScannedItem> sink) {
    Path file = directory.resolve("segment-" + segment + ".jsonl.gz");
    CanonicalItems canonical = new CanonicalItems(keys);
    long seen = 0;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
         BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
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
      throw new UncheckedIOException("cannot read snapshot segment " + file.getFileName(), e);
    }
  }
}
