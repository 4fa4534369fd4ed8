package io.drautopilot.contracts.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of every event schema on the classpath, as a {@link SchemaStore}.
 *
 * <p>Each contract jar (this one, and any module that adds a handler with its own schemas) ships
 * {@value #INDEX_RESOURCE} listing its released {@code .avsc} files; the catalog merges them all.
 * This replaces a schema registry: the writer's schema is found by the 64-bit fingerprint in the
 * single-object encoding header.
 */
public final class ContractCatalog implements SchemaStore {

  public static final String HISTORY_ROOT = "META-INF/dr-autopilot/schema-history/";
  public static final String INDEX_RESOURCE = HISTORY_ROOT + SchemaCompatibilityGate.INDEX;

  private static volatile ContractCatalog shared;

  private final Map<Long, Schema> byFingerprint;
  private final Map<String, Schema> latestByName;

  /** Simple name → the first latest schema of that name in {@link #latestByName}'s order. */
  private final Map<String, Schema> latestBySimpleName;

  private ContractCatalog(Map<Long, Schema> byFingerprint, Map<String, Schema> latestByName) {
    this.byFingerprint = Collections.unmodifiableMap(byFingerprint);
    this.latestByName = Collections.unmodifiableMap(latestByName);
    Map<String, Schema> bySimpleName = new HashMap<>();
    latestByName.values().forEach(s -> bySimpleName.putIfAbsent(s.getName(), s));
    this.latestBySimpleName = Collections.unmodifiableMap(bySimpleName);
  }

  /** The catalog of the context class loader, loaded once. */
  public static ContractCatalog shared() {
    ContractCatalog c = shared;
    if (c == null) {
      synchronized (ContractCatalog.class) {
        if (shared == null) {
          shared = load(Thread.currentThread().getContextClassLoader());
        }
        c = shared;
      }
    }
    return c;
  }

  public static ContractCatalog load(ClassLoader loader) {
    Map<Long, Schema> byFingerprint = new HashMap<>();
    Map<String, Schema> latest = new LinkedHashMap<>();
    Map<String, Integer> latestVersion = new HashMap<>();
    try {
      for (URL index : Collections.list(loader.getResources(INDEX_RESOURCE))) {
        for (String line : readLines(index)) {
          String entry = line.trim();
          if (entry.isEmpty() || entry.startsWith("#")) {
            continue;
          }
          Schema schema = parse(loader, entry);
          byFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), schema);
          int version =
              Integer.parseInt(
                  entry.substring(entry.lastIndexOf("/v") + 2, entry.length() - ".avsc".length()));
          if (version > latestVersion.getOrDefault(schema.getFullName(), 0)) {
            latestVersion.put(schema.getFullName(), version);
            latest.put(schema.getFullName(), schema);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + INDEX_RESOURCE, e);
    }
    return new ContractCatalog(byFingerprint, latest);
  }

  private static Schema parse(ClassLoader loader, String entry) throws IOException {
    try (InputStream in = loader.getResourceAsStream(HISTORY_ROOT + entry)) {
      if (in == null) {
        throw new IOException(
            "schema index names "
                + entry
                + " but "
                + HISTORY_ROOT
                + entry
                + " is not on the classpath");
      }
      return new Schema.Parser().parse(in);
    }
  }

  private static java.util.List<String> readLines(URL url) throws IOException {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
      return r.lines().toList();
    }
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** The latest released version of a named type. */
  public Optional<Schema> latest(String fullName) {
    return Optional.ofNullable(latestByName.get(fullName));
  }

  /** Finds a latest schema by its simple name (e.g. {@code RestoreTableToPointInTimeCommand}). */
  public Optional<Schema> latestBySimpleName(String simpleName) {
    // a map, not a walk over every schema: the orchestrator looks a command's schema up on every
    // step
    return Optional.ofNullable(latestBySimpleName.get(simpleName));
  }

  public boolean isReleased(Schema schema) {
    return byFingerprint.containsKey(SchemaNormalization.parsingFingerprint64(schema));
  }

  public int size() {
    return byFingerprint.size();
  }
}
