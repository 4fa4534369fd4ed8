package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed cache's key: what determines a seed's content, and nothing else. */
class SeedCacheTest {

  @Test
  void shouldKeyTheSameSeedAlike() {
    SeedCache.Key key = SeedCache.Key.of("tyler-setup-sandbox", 50_000, "dynalite 4.0.0");

    assertThat(SeedCache.Key.of("tyler-setup-sandbox", 50_000, "dynalite 4.0.0")).isEqualTo(key);
    assertThat(key.id()).matches("50000-items-[0-9a-f]{16}");
  }

  @Test
  void shouldKeyAnotherItemCountTablePrefixOrDynaliteApart() {
    SeedCache.Key key = SeedCache.Key.of("tyler-setup-sandbox", 50_000, "dynalite 4.0.0");

    assertThat(SeedCache.Key.of("tyler-setup-sandbox", 3_000, "dynalite 4.0.0").id())
        .isNotEqualTo(key.id());
    assertThat(SeedCache.Key.of("tyler-setup-it", 50_000, "dynalite 4.0.0").id())
        .isNotEqualTo(key.id());
    assertThat(SeedCache.Key.of("tyler-setup-sandbox", 50_000, "dynalite 4.0.1").id())
        .isNotEqualTo(key.id());
  }

  @Test
  void shouldNameTheFormatTablesAndGeneratorAmongTheInputs() {
    String inputs = SeedCache.Key.of("tyler-setup-sandbox", 50_000, "dynalite 4.0.0").inputs();

    assertThat(inputs)
        .contains("format=" + SeedCache.FORMAT)
        .contains("tyler-setup-sandbox-entities")
        .contains("tyler-setup-sandbox-events")
        .contains("KeySchema")
        .containsPattern("generator=[0-9a-f]{16}");
  }

  @Test
  void shouldMissWhenNoEntryWasSaved(@TempDir Path dir) throws Exception {
    SeedCache cache = new SeedCache(dir.resolve("cache"));

    SeedCache.Lookup lookup =
        cache.restore(
            SeedCache.Key.of("tyler-setup-sandbox", 3_000, "dynalite 4.0.0"), dir.resolve("data"));

    assertThat(lookup).isEqualTo(new SeedCache.Miss("none yet"));
    assertThat(dir.resolve("data")).doesNotExist();
    assertThat(Files.exists(dir.resolve("cache"))).isFalse();
  }
}
