package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.localstack.Dynalite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The seed cache against real dynalite processes: a saved copy, read back, stale and corrupt. */
class SeedCacheIT {

  private static final String PREFIX = "seed-cache-it";
  private static final int ITEMS = 600;

  @Test
  void shouldStartDynaliteOnACopyHoldingTheSameTablesAndItemsAsAFreshSeed(@TempDir Path dir)
      throws Exception {
    SeedCache cache = new SeedCache(dir.resolve("cache"));
    SeedCache.Key key = SeedCache.Key.of(PREFIX, ITEMS, Dynalite.repositoryRoot());
    cache.save(key, 2);
    // a kept drill's earlier database in the directory: its log must not be replayed over the copy
    Files.createDirectories(dir.resolve("copy"));
    Files.writeString(dir.resolve("copy").resolve("999999.log"), "an earlier drill's writes");

    SeedCache.Lookup lookup = cache.restore(key, dir.resolve("copy"));

    assertThat(lookup).isInstanceOf(SeedCache.Hit.class);
    assertThat(dir.resolve("copy").resolve("999999.log")).doesNotExist();
    assertThat(((SeedCache.Hit) lookup).items())
        .isEqualTo(
            Map.of(SeedData.entitiesTable(PREFIX), 480L, SeedData.eventsTable(PREFIX), 120L));
    try (Dynalite copy = Dynalite.start(dir.resolve("copy"));
        Dynalite fresh = Dynalite.start(null);
        DynamoDbClient fromCopy = copy.client();
        DynamoDbClient seeded = fresh.client()) {
      for (String table : tables()) {
        SeedData.createTable(seeded, table);
      }
      SeedData.seed(seeded, PREFIX, ITEMS, 2, n -> {});

      assertThat(fromCopy.listTables().tableNames()).isEqualTo(seeded.listTables().tableNames());
      for (String table : tables()) {
        TableDescription a = fromCopy.describeTable(b -> b.tableName(table)).table();
        TableDescription b = seeded.describeTable(r -> r.tableName(table)).table();
        assertThat(a.keySchema()).isEqualTo(b.keySchema());
        assertThat(a.attributeDefinitions()).isEqualTo(b.attributeDefinitions());
        assertThat(a.tableStatus()).isEqualTo(b.tableStatus());
        assertThat(SeedData.count(fromCopy, table)).isEqualTo(SeedData.count(seeded, table));
        assertThat(items(fromCopy, table)).isEqualTo(items(seeded, table));
      }
    }
  }

  @Test
  void shouldDropAStaleEntryAndSaveItAgain(@TempDir Path dir) throws Exception {
    SeedCache cache = new SeedCache(dir.resolve("cache"));
    SeedCache.Key key = SeedCache.Key.of(PREFIX, ITEMS, Dynalite.repositoryRoot());
    Path entry = cache.save(key, 2);
    // an entry of an older format under the same name
    Path manifest = entry.resolve("seed-cache.properties");
    Properties saved = new Properties();
    try (var in = Files.newBufferedReader(manifest)) {
      saved.load(in);
    }
    saved.setProperty("format", Integer.toString(SeedCache.FORMAT - 1));
    try (var out = Files.newBufferedWriter(manifest)) {
      saved.store(out, null);
    }

    SeedCache.Lookup stale = cache.restore(key, dir.resolve("copy"));

    assertThat(stale).isInstanceOf(SeedCache.Miss.class);
    assertThat(((SeedCache.Miss) stale).reason()).startsWith("stale");
    assertThat(entry).doesNotExist();
    assertThat(dir.resolve("copy")).doesNotExist();

    cache.save(key, 2);
    assertThat(cache.restore(key, dir.resolve("copy"))).isInstanceOf(SeedCache.Hit.class);
  }

  @Test
  void shouldDropACorruptEntryAndWhatWasCopiedOfIt(@TempDir Path dir) throws Exception {
    SeedCache cache = new SeedCache(dir.resolve("cache"));
    SeedCache.Key key = SeedCache.Key.of(PREFIX, ITEMS, Dynalite.repositoryRoot());
    Path entry = cache.save(key, 2);
    Path data;
    try (Stream<Path> files = Files.list(entry)) {
      data =
          files
              .filter(f -> !f.getFileName().toString().equals("seed-cache.properties"))
              .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
              .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(data, bytes);

    SeedCache.Lookup corrupt = cache.restore(key, dir.resolve("copy"));

    assertThat(corrupt).isInstanceOf(SeedCache.Miss.class);
    assertThat(((SeedCache.Miss) corrupt).reason()).startsWith("corrupt: " + data.getFileName());
    assertThat(entry).doesNotExist();
    try (Stream<Path> copied = Files.list(dir.resolve("copy"))) {
      assertThat(copied).isEmpty();
    }
  }

  private static List<String> tables() {
    return List.of(SeedData.entitiesTable(PREFIX), SeedData.eventsTable(PREFIX));
  }

  private static Set<Map<String, AttributeValue>> items(DynamoDbClient dynamo, String table) {
    Set<Map<String, AttributeValue>> all = new HashSet<>();
    dynamo.scanPaginator(b -> b.tableName(table)).items().forEach(all::add);
    return all;
  }
}
