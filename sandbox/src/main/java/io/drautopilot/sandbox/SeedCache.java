package io.drautopilot.sandbox;

import io.drautopilot.localstack.Dynalite;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Seeded copies of the primary region's dynalite data directory (LevelDB), one per seed, so that a
 * drill starts with its tables already full instead of writing every item again while its services
 * start.
 *
 * <p>An entry is keyed by all that determines its content ({@link Key}): the format of the entry,
 * the dynalite and LevelDB binding versions, the item count, the tables' definitions and a
 * fingerprint of the data generator. It is built by seeding a dynalite of its own in a staging
 * directory, stopping it, and moving the directory into place whole, so a drill never copies an
 * open database or a half-written entry. Each file's size and CRC-32 are recorded with the tables'
 * item counts: a copy that does not match is corrupt, dropped and rebuilt.
 */
final class SeedCache {

  /** Raised when an entry's layout or its manifest's meaning changes: older entries are stale. */
  static final int FORMAT = 1;

  /** The directory of the cache under the checkout: build output, like the drill's AOT cache. */
  static final String DEFAULT_DIR = "sandbox/target/seed-cache";

  /** Entries kept: the most recently used; older ones are deleted when a new one is saved. */
  static final int KEPT = 4;

  private static final String MANIFEST = "seed-cache.properties";

  /** LevelDB's lock and its human-readable logs: not data, and the lock must not be shared. */
  private static final List<String> NOT_DATA = List.of("LOCK", "LOG", "LOG.old", MANIFEST);

  private final Path dir;

  SeedCache(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /**
   * What a seed's content is determined by.
   *
   * @param prefix the seed tables' prefix
   * @param items the items across the seed's tables
   * @param inputs every input, one per line, as recorded in the entry's manifest
   * @param id the entry's directory name: the item count and a digest of the inputs
   */
  record Key(String prefix, int items, String inputs, String id) {

    static Key of(String prefix, int items, String dynaliteVersions) {
      StringBuilder inputs = new StringBuilder();
      inputs.append("format=").append(FORMAT).append('\n');
      inputs.append("dynalite=").append(dynaliteVersions).append('\n');
      inputs.append("items=").append(items).append('\n');
      for (String table : List.of(SeedData.entitiesTable(prefix), SeedData.eventsTable(prefix))) {
        inputs.append("table=").append(Dynalite.pkSkTable(table)).append('\n');
      }
      inputs.append("generator=").append(generatorFingerprint(items)).append('\n');
      String digest = sha256(inputs.toString()).substring(0, 16);
      return new Key(prefix, items, inputs.toString(), items + "-items-" + digest);
    }

    /** The key for the dynalite installed under the checkout's {@code node_modules}. */
    static Key of(String prefix, int items, Path root) {
      return of(
          prefix,
          items,
          "dynalite "
              + version(root.resolve("node_modules/dynalite/package.json"))
              + ", classic-level "
              + version(root.resolve("node_modules/classic-level/package.json")));
    }

    /**
     * A digest of the items at the edges of the generator's ranges and in between: a change to
     * the generator changes it, without generating every item.
     */
    private static String generatorFingerprint(int items) {
      int events = items / 5;
      int entities = items - events;
      StringBuilder sample = new StringBuilder();
      for (int i : new int[] {0, 1, 5, 6, 7, entities / 2, entities - 1}) {
        if (i >= 0 && i < entities) {
          SeedData.entityItems(i, i + 1)
              .forEach(item -> sample.append(new TreeMap<>(item)).append('\n'));
        }
      }
      for (int i : new int[] {0, 1, events / 2, events - 1}) {
        if (i >= 0 && i < events) {
          SeedData.eventItems(i, i + 1, entities)
              .forEach(item -> sample.append(new TreeMap<>(item)).append('\n'));
        }
      }
      return sha256(sample.toString()).substring(0, 16);
    }

    private static String version(Path packageJson) {
      try {
        Matcher m =
            Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(Files.readString(packageJson));
        return m.find() ? m.group(1) : "unknown";
      } catch (IOException e) {
        return "unknown";
      }
    }
  }

  /** What {@link #restore} found. */
  sealed interface Lookup {}

  /** The entry copied into the data directory: the tables' item counts it was saved with. */
  record Hit(Path entry, Map<String, Long> items, Duration copied) implements Lookup {}

  /**
   * No usable entry: none yet, or a stale or corrupt one, which has been deleted.
   *
   * @param reason for people, e.g. "none yet" or "corrupt: 000005.ldb has 812 bytes, 4096 saved"
   */
  record Miss(String reason) implements Lookup {}

  /**
   * Copies the key's entry into {@code dataDirectory}, replacing what it held (a kept drill's
   * earlier database: its logs would be replayed over the copy), checking every file against the
   * manifest. A stale or corrupt entry is deleted, and so is what was copied of it.
   */
  Lookup restore(Key key, Path dataDirectory) throws IOException {
    Instant start = Instant.now();
    Path entry = dir.resolve(key.id());
    Path manifestFile = entry.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      return new Miss("none yet");
    }
    Properties manifest = new Properties();
    try (Reader r = Files.newBufferedReader(manifestFile, StandardCharsets.UTF_8)) {
      manifest.load(r);
    } catch (IOException | IllegalArgumentException e) {
      return drop(entry, dataDirectory, "corrupt: its manifest does not read (" + e + ")");
    }
    if (!Integer.toString(FORMAT).equals(manifest.getProperty("format"))
        || !key.inputs().equals(manifest.getProperty("inputs"))) {
      return drop(entry, dataDirectory, "stale: saved for other inputs");
    }
    Map<String, Long> items = new LinkedHashMap<>();
    for (String table :
        List.of(SeedData.entitiesTable(key.prefix()), SeedData.eventsTable(key.prefix()))) {
      String n = manifest.getProperty("items." + table);
      if (n == null) {
        return drop(entry, dataDirectory, "corrupt: no item count for " + table);
      }
      items.put(table, Long.parseLong(n));
    }
    Files.createDirectories(dataDirectory);
    clear(dataDirectory);
    List<String> files =
        manifest.stringPropertyNames().stream()
            .filter(k -> k.startsWith("file."))
            .map(k -> k.substring("file.".length()))
            .sorted()
            .toList();
    if (files.isEmpty()) {
      return drop(entry, dataDirectory, "corrupt: no files listed");
    }
    for (String name : files) {
      Path source = entry.resolve(name);
      String expected = manifest.getProperty("file." + name);
      if (!Files.isRegularFile(source)) {
        return drop(entry, dataDirectory, "corrupt: " + name + " is missing");
      }
      String actual = copy(source, dataDirectory.resolve(name));
      if (!actual.equals(expected)) {
        return drop(
            entry,
            dataDirectory,
            "corrupt: " + name + " is " + actual + " (size:crc32), " + expected + " saved");
      }
    }
    // most recently used first when old entries are pruned
    Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
    return new Hit(entry, items, Duration.between(start, Instant.now()));
  }

  /**
   * Seeds a dynalite of its own for the key, stops it, and saves its data directory as the key's
   * entry (replacing none: an entry another drill saved meanwhile is kept). Older entries beyond
   * {@link #KEPT} are deleted.
   *
   * @return the saved entry
   */
  Path save(Key key, int parallelism) throws IOException {
    Files.createDirectories(dir);
    Path staging = Files.createTempDirectory(dir, key.id() + ".building-");
    try {
      Map<String, Long> items = new LinkedHashMap<>();
      Dynalite dynalite = Dynalite.start(staging);
      Thread stop = new Thread(dynalite::close, "seed-cache-dynalite-stop");
      Runtime.getRuntime().addShutdownHook(stop);
      try (DynamoDbClient dynamo = dynalite.client()) {
        List<String> tables =
            List.of(SeedData.entitiesTable(key.prefix()), SeedData.eventsTable(key.prefix()));
        for (String table : tables) {
          SeedData.createTable(dynamo, table);
        }
        SeedData.seed(dynamo, key.prefix(), key.items(), parallelism, n -> {});
        for (String table : tables) {
          items.put(table, SeedData.count(dynamo, table));
        }
        settle(staging);
      } finally {
        dynalite.close();
        try {
          Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException ignored) {
          // shutting down: the hook stops it
        }
      }
      writeManifest(key, staging, items);
      Path entry = dir.resolve(key.id());
      if (Files.isRegularFile(entry.resolve(MANIFEST))) {
        // another drill's, saved meanwhile (stale or corrupt ones are deleted on lookup): as good
        return entry;
      }
      deleteTree(entry);
      try {
        Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (Files.isRegularFile(entry.resolve(MANIFEST))) {
          return entry;
        }
        throw e;
      }
      prune();
      return entry;
    } finally {
      if (Files.exists(staging)) {
        deleteTree(staging);
      }
    }
  }

  /** Deletes the key's entry (e.g. when its tables did not hold the items it was saved with). */
  void discard(Key key) throws IOException {
    deleteTree(dir.resolve(key.id()));
  }

  private Miss drop(Path entry, Path dataDirectory, String reason) throws IOException {
    deleteTree(entry);
    clear(dataDirectory);
    return new Miss(reason);
  }

  private static void clear(Path dataDirectory) throws IOException {
    if (Files.isDirectory(dataDirectory)) {
      try (Stream<Path> files = Files.list(dataDirectory)) {
        for (Path f : files.toList()) {
          deleteTree(f);
        }
      }
    }
  }

  private static void writeManifest(Key key, Path staging, Map<String, Long> items)
      throws IOException {
    Properties manifest = new Properties();
    manifest.setProperty("format", Integer.toString(FORMAT));
    manifest.setProperty("inputs", key.inputs());
    items.forEach((table, n) -> manifest.setProperty("items." + table, Long.toString(n)));
    try (Stream<Path> files = Files.list(staging)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (NOT_DATA.contains(name)) {
          Files.delete(f);
        } else if (Files.isRegularFile(f)) {
          manifest.setProperty("file." + name, sizeAndCrc(f));
        }
      }
    }
    try (Writer w = Files.newBufferedWriter(staging.resolve(MANIFEST), StandardCharsets.UTF_8)) {
      manifest.store(w, "the drill's seed cache: a dynalite data directory (LevelDB)");
    }
  }

  /**
   * Waits until LevelDB's files stop changing (its compactions after the last writes), at most 5 s:
   * dynalite has no clean shutdown, and a database stopped mid-compaction is only recovered, not
   * broken, but a settled one is the smaller copy.
   */
  private static void settle(Path dataDirectory) throws IOException {
    Instant deadline = Instant.now().plusSeconds(5);
    Map<String, Long> last = sizes(dataDirectory);
    int quiet = 0;
    while (quiet < 2 && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      Map<String, Long> now = sizes(dataDirectory);
      quiet = now.equals(last) ? quiet + 1 : 0;
      last = now;
    }
  }

  private static Map<String, Long> sizes(Path dataDirectory) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> files = Files.list(dataDirectory)) {
      for (Path f : files.toList()) {
        try {
          sizes.put(f.getFileName().toString(), Files.size(f));
        } catch (IOException gone) {
          // deleted by a compaction meanwhile
        }
      }
    }
    return sizes;
  }

  private void prune() throws IOException {
    List<Path> entries = new ArrayList<>();
    try (Stream<Path> all = Files.list(dir)) {
      all.filter(p -> Files.isRegularFile(p.resolve(MANIFEST))).forEach(entries::add);
    }
    entries.sort(
        Comparator.comparing(
                (Path p) -> {
                  try {
                    return Files.getLastModifiedTime(p);
                  } catch (IOException e) {
                    return FileTime.fromMillis(0);
                  }
                })
            .reversed());
    for (Path old : entries.subList(Math.min(KEPT, entries.size()), entries.size())) {
      deleteTree(old);
    }
  }

  /** Copies the file and returns its size and CRC-32 as read. */
  private static String copy(Path source, Path target) throws IOException {
    try (CheckedInputStream in = new CheckedInputStream(Files.newInputStream(source), new CRC32());
        OutputStream out = Files.newOutputStream(target)) {
      long size = in.transferTo(out);
      return size + ":" + Long.toHexString(in.getChecksum().getValue());
    }
  }

  private static String sizeAndCrc(Path file) throws IOException {
    try (CheckedInputStream in = new CheckedInputStream(Files.newInputStream(file), new CRC32())) {
      long size = in.transferTo(OutputStream.nullOutputStream());
      return size + ":" + Long.toHexString(in.getChecksum().getValue());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
