package io.drautopilot.drctl;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A kept drill's Kafka log ({@code ./drill --keep DIR}): {@code DIR/log/<topic>.jsonl}, one record a line with its
 * coordinates, key, headers and the value's exact bytes (Avro single-object encoding, base64), readable with nothing
 * but the released {@code .avsc} files. The drill publishes the chain's public key next to each incident's report,
 * {@code DIR/reports/<incident>/audit-public-key.pem}. This class owns the format, writing and reading, so the drill's
 * export and drctl's {@code --from DIR} cannot drift apart.
 */
public final class DrillLog {

  /** The exported log's directory under a kept drill's directory. */
  public static final String LOG_DIRECTORY = "log";

  /** The chain-signing public key the drill publishes next to each incident's report. */
  public static final String PUBLIC_KEY_FILE = "audit-public-key.pem";

  private static final JsonMapper JSON = new JsonMapper();

  /** One Kafka record as kept: coordinates, key, headers (UTF-8 text) and the value's exact bytes. */
  public record Record(
      String topic,
      int partition,
      long offset,
      long timestamp,
      String key,
      Map<String, String> headers,
      byte[] value) {
    public Record {
      headers =
          headers == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    KafkaLog.Entry entry() {
      return new KafkaLog.Entry(topic, partition, offset, timestamp, key, value);
    }
  }

  private final Path dir;
  private final List<Record> records;

  private DrillLog(Path dir, List<Record> records) {
    this.dir = dir;
    this.records = records;
  }

  /** Whether {@code dir} is a kept drill's directory: it has a {@code log} directory holding at least one {@code .jsonl}. */
  public static boolean isKeptDrill(Path dir) {
    Path log = dir.resolve(LOG_DIRECTORY);
    if (!Files.isDirectory(log)) {
      return false;
    }
    try (Stream<Path> files = Files.list(log)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsonl"));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Writes {@code records} as {@code dir/log/<topic>.jsonl}, per topic in the order given (a topic's file is
   * replaced); returns how many were written.
   */
  public static int write(Path dir, Collection<Record> records) throws IOException {
    Path log = Files.createDirectories(dir.resolve(LOG_DIRECTORY));
    Map<String, List<Record>> byTopic = new LinkedHashMap<>();
    records.forEach(r -> byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r));
    for (Map.Entry<String, List<Record>> topic : byTopic.entrySet()) {
      try (BufferedWriter w =
          Files.newBufferedWriter(log.resolve(topic.getKey() + ".jsonl"), StandardCharsets.UTF_8)) {
        for (Record r : topic.getValue()) {
          w.write(line(r));
          w.newLine();
        }
      }
    }
    return records.size();
  }

  static String line(Record r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("topic", r.topic());
    n.put("partition", r.partition());
    n.put("offset", r.offset());
    n.put("timestamp", r.timestamp());
    n.put("key", r.key());
    ObjectNode headers = n.putObject("headers");
    r.headers().forEach(headers::put);
    n.put("value", r.value() == null ? null : Base64.getEncoder().encodeToString(r.value()));
    try {
      return JSON.writeValueAsString(n);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write a log line", e);
    }
  }

  /**
   * Reads a kept drill's log: every record of every topic, ordered by timestamp (then topic, partition, offset).
   * A missing log or a line that is not a record is a {@link DrctlException} naming the file and line.
   */
  public static DrillLog read(Path dir) {
    Path log = dir.resolve(LOG_DIRECTORY);
    if (!Files.isDirectory(log)) {
      throw DrctlException.usage(
          "no exported log in " + dir + " (expected " + log + "; run the drill with --keep)");
    }
    List<Record> all = new ArrayList<>();
    try (Stream<Path> listing = Files.list(log)) {
      for (Path f :
          listing.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          String line;
          int number = 0;
          while ((line = r.readLine()) != null) {
            number++;
            if (!line.isBlank()) {
              all.add(record(line, f, number));
            }
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw DrctlException.usage("cannot read the drill's log in " + log + ": " + e.getMessage());
    }
    all.sort(
        Comparator.comparingLong(Record::timestamp)
            .thenComparing(Record::topic)
            .thenComparingInt(Record::partition)
            .thenComparingLong(Record::offset));
    return new DrillLog(dir, List.copyOf(all));
  }

  private static Record record(String line, Path file, int number) {
    try {
      JsonNode n = JSON.readTree(line);
      if (!n.isObject() || !n.path("topic").isString()) {
        throw new IllegalArgumentException("not a logged record (no topic)");
      }
      Map<String, String> headers = new LinkedHashMap<>();
      n.path("headers")
          .properties()
          .forEach(
              e ->
                  headers.put(
                      e.getKey(), e.getValue().isNull() ? null : e.getValue().asString("")));
      JsonNode value = n.path("value");
      return new Record(
          n.path("topic").asString(""),
          n.path("partition").asInt(0),
          n.path("offset").asLong(0),
          n.path("timestamp").asLong(0),
          n.path("key").isString() ? n.path("key").asString("") : null,
          headers,
          value.isString() ? Base64.getDecoder().decode(value.asString("")) : null);
    } catch (JacksonException | IllegalArgumentException e) {
      throw DrctlException.usage(file + " line " + number + ": " + Drctl.oneLine(e));
    }
  }

  public Path dir() {
    return dir;
  }

  public List<Record> records() {
    return records;
  }

  /** The records of {@code topics} (tombstones left out) as entries, in the log's order. */
  public List<KafkaLog.Entry> entries(Collection<String> topics) {
    return records.stream()
        .filter(r -> r.value() != null && topics.contains(r.topic()))
        .map(Record::entry)
        .toList();
  }

  /** The incidents the orchestrator opened in this log, in the order they were opened. */
  public Set<String> incidentIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (Record r : records) {
      if (r.value() == null
          || !r.topic().equals(io.drautopilot.contracts.Topics.INCIDENT_TIMELINE)) {
        continue;
      }
      try {
        if (IncidentRecords.decode(r.value())
            instanceof io.drautopilot.contracts.timeline.IncidentOpened opened) {
          ids.add(opened.getMetadata().getIncidentId());
        }
      } catch (RuntimeException undecodable) {
        // verify and report name such records; a list of incidents skips them
      }
    }
    return ids;
  }

  /** The public key the drill published for the incident, if it is there. */
  public java.util.Optional<Path> publicKey(String incidentId) {
    Path key = dir.resolve("reports").resolve(incidentId).resolve(PUBLIC_KEY_FILE);
    return Files.isRegularFile(key) ? java.util.Optional.of(key) : java.util.Optional.empty();
  }
}
