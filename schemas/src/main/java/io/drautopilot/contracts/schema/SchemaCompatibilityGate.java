package io.drautopilot.contracts.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The build's schema compatibility gate, and the tool that releases schema versions.
 *
 * <p>Every named type under {@code src/main/avro} must have released versions under the history
 * directory ({@code <full.Name>/v<N>.avsc}, self-contained), the latest equal to the source, and
 * be <em>full-transitive</em> compatible with every earlier version: a reader on the new schema reads
 * data written with every old one, and a reader on every old schema reads data written with the
 * new one. Without a schema registry this is what keeps the log readable for ever.
 *
 * <pre>
 *   check   &lt;avro-source-dir&gt; &lt;history-dir&gt;   fail (exit 1) naming schema, version and field
 *   release &lt;avro-source-dir&gt; &lt;history-dir&gt;   write v(N+1) for every changed schema, rewrite index.txt
 * </pre>
 */
public final class SchemaCompatibilityGate {

  /** Name of the file listing every released schema file, relative to the history directory. */
  public static final String INDEX = "index.txt";

  private SchemaCompatibilityGate() {}

  public static void main(String[] args) {
    if (args.length != 3 || !(args[0].equals("check") || args[0].equals("release"))) {
      System.err.println(
          "usage: SchemaCompatibilityGate check|release <avro-source-dir> <history-dir>");
      System.exit(2);
    }
    Path sources = Path.of(args[1]);
    Path history = Path.of(args[2]);
    Map<String, Schema> current = parseSources(sources);
    if (args[0].equals("release")) {
      List<String> written = release(current, history);
      written.forEach(w -> System.out.println("released " + w));
      System.out.println(
          written.size() + " schema version(s) released; " + current.size() + " schemas in all");
    }
    List<String> problems = check(current, readHistory(history));
    if (!problems.isEmpty()) {
      System.err.println("Schema compatibility gate FAILED (" + problems.size() + " problem(s)):");
      problems.forEach(p -> System.err.println("  - " + p));
      // exec:java runs in the Maven JVM: an exception fails the build without killing Maven.
      throw new IllegalStateException(
          "Schema compatibility gate failed: " + String.join("; ", problems));
    }
    System.out.println(
        "Schema compatibility gate passed: " + current.size() + " schemas, full-transitive.");
  }

  /** Parses every {@code .avsc} under {@code dir}, in whatever order their cross-references need. */
  public static Map<String, Schema> parseSources(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".avsc")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list schemas in " + dir, e);
    }
    Map<String, Schema> parsed = new TreeMap<>();
    List<Path> ok = new ArrayList<>();
    Deque<Path> pending = new ArrayDeque<>(files);
    Schema.Parser parser = new Schema.Parser();
    int failuresInARow = 0;
    while (!pending.isEmpty()) {
      Path file = pending.poll();
      try {
        Schema schema = parser.parse(file.toFile());
        parsed.put(schema.getFullName(), schema);
        ok.add(file);
        failuresInARow = 0;
      } catch (AvroRuntimeException e) {
        // Most likely a reference to a type in a file not parsed yet: try again later with a clean
        // parser.
        if (++failuresInARow > pending.size()) {
          throw new IllegalStateException(
              "cannot parse schema file " + file + ": " + e.getMessage(), e);
        }
        pending.add(file);
        parser = parserWith(ok);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return parsed;
  }

  private static Schema.Parser parserWith(List<Path> files) {
    Schema.Parser parser = new Schema.Parser();
    for (Path f : files) {
      try {
        parser.parse(f.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return parser;
  }

  /** Released versions per full name, oldest first. */
  public static Map<String, List<Schema>> readHistory(Path historyDir) {
    Map<String, List<Schema>> history = new TreeMap<>();
    if (!Files.isDirectory(historyDir)) {
      return history;
    }
    try (Stream<Path> dirs = Files.list(historyDir)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().collect(Collectors.toList())) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; Files.exists(dir.resolve("v" + v + ".avsc")); v++) {
          versions.add(new Schema.Parser().parse(dir.resolve("v" + v + ".avsc").toFile()));
        }
        history.put(dir.getFileName().toString(), versions);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema history " + historyDir, e);
    }
    return history;
  }

  /**
   * Problems with the current schemas against their history; empty when the gate passes.
   * Each problem names the schema, the released version and the field.
   */
  public static List<String> check(Map<String, Schema> current, Map<String, List<Schema>> history) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Schema> e : current.entrySet()) {
      String name = e.getKey();
      Schema now = e.getValue();
      List<Schema> released = history.getOrDefault(name, List.of());
      for (int i = 0; i < released.size(); i++) {
        Schema old = released.get(i);
        String version = name + " v" + (i + 1);
        describe(
            problems,
            version,
            "the current schema cannot read data written with " + version,
            SchemaCompatibility.checkReaderWriterCompatibility(now, old));
        describe(
            problems,
            version,
            "readers on " + version + " cannot read data written with the current schema",
            SchemaCompatibility.checkReaderWriterCompatibility(old, now));
      }
      if (released.isEmpty()) {
        problems.add(name + ": not released yet; run the release tool (see schemas/README.md)");
      } else if (!sameSchema(released.get(released.size() - 1), now)) {
        problems.add(
            name
                + ": changed since v"
                + released.size()
                + " but not released; run the release tool (see schemas/README.md)");
      }
    }
    return problems;
  }

  private static void describe(
      List<String> problems, String version, String what, SchemaPairCompatibility result) {
    if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (Incompatibility inc : result.getResult().getIncompatibilities()) {
      problems.add(
          version
              + ": "
              + what
              + ": "
              + inc.getType()
              + " at "
              + fieldPath(result, inc)
              + " ("
              + inc.getMessage()
              + ")");
    }
  }

  /** Turns Avro's JSON-pointer location (/fields/3/type) into field names (field 'severity'). */
  private static String fieldPath(SchemaPairCompatibility result, Incompatibility inc) {
    String location = inc.getLocation();
    Schema cursor = result.getReader();
    StringBuilder names = new StringBuilder();
    String[] parts = location.split("/");
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].equals("fields")
          && i + 1 < parts.length
          && cursor != null
          && cursor.getType() == Schema.Type.RECORD) {
        int index = Integer.parseInt(parts[++i]);
        if (index < cursor.getFields().size()) {
          Schema.Field field = cursor.getFields().get(index);
          names.append(names.length() == 0 ? "" : ".").append(field.name());
          cursor = field.schema();
        } else {
          cursor = null;
        }
      }
    }
    String fieldName = names.length() > 0 ? names.toString() : inc.getReaderFragment().getName();
    return "field '" + fieldName + "' [" + location + "]";
  }

  private static boolean sameSchema(Schema a, Schema b) {
    return a.toString().equals(b.toString());
  }

  /** Writes a new version for every schema whose source differs from its latest release. */
  public static List<String> release(Map<String, Schema> current, Path historyDir) {
    Map<String, List<Schema>> history = readHistory(historyDir);
    List<String> written = new ArrayList<>();
    try {
      for (Map.Entry<String, Schema> e : current.entrySet()) {
        List<Schema> released = history.getOrDefault(e.getKey(), List.of());
        if (!released.isEmpty() && sameSchema(released.get(released.size() - 1), e.getValue())) {
          continue;
        }
        Path dir = historyDir.resolve(e.getKey());
        Files.createDirectories(dir);
        String file = e.getKey() + "/v" + (released.size() + 1) + ".avsc";
        Files.writeString(
            historyDir.resolve(file), e.getValue().toString(true) + "\n", StandardCharsets.UTF_8);
        written.add(file);
      }
      writeIndex(historyDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written;
  }

  private static void writeIndex(Path historyDir) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "# Every released schema version; read by ContractCatalog. Written by SchemaCompatibilityGate release.");
    for (Map.Entry<String, List<Schema>> e : readHistory(historyDir).entrySet()) {
      for (int v = 1; v <= e.getValue().size(); v++) {
        lines.add(e.getKey() + "/v" + v + ".avsc");
      }
    }
    Files.write(historyDir.resolve(INDEX), lines, StandardCharsets.UTF_8);
  }
}
