package io.drautopilot.validation.adapter.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.integrity.AttributeType;
import io.drautopilot.snapshots.SnapshotStore;
import io.drautopilot.validation.domain.KeyElement;
import io.drautopilot.validation.domain.ScannedItem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class LogicalSnapshotSourceTest {

  @TempDir Path location;

  static List<String> employees(int n) {
    return IntStream.range(0, n).mapToObj(SnapshotFiles::employee).toList();
  }

  @Test
  void shouldReadEveryItemOfEverySegmentWithTheManifestsKeySchema() throws Exception {
    Path dir =
        SnapshotFiles.write(
            location, "entities", Instant.parse("2026-01-15T10:30:00Z"), 3, employees(100), true);
    List<ScannedItem> read = Collections.synchronizedList(new ArrayList<>());

    LogicalSnapshotSource source =
        new LogicalSnapshotSource(JsonMapper.shared(), SnapshotStore.localOnly(), dir.toString());
    source.scan(2, 0, read::add);

    assertThat(source.keySchema())
        .containsExactly(new KeyElement("PK", "HASH"), new KeyElement("SK", "RANGE"));
    assertThat(source.approximateItemCount()).isEqualTo(100);
    assertThat(read).hasSize(100);
    assertThat(read).extracting(ScannedItem::key).contains("PK=EMPLOYEE#42|SK=PROFILE");
    assertThat(read.get(0).view().typeOf("n")).isEqualTo(AttributeType.N);
  }

  @Test
  void shouldPickTheLatestCompleteSnapshotWhenGivenTheTableDirectory() throws Exception {
    SnapshotFiles.write(
        location, "entities", Instant.parse("2026-01-15T10:00:00Z"), 1, employees(5), true);
    Path good =
        SnapshotFiles.write(
            location, "entities", Instant.parse("2026-01-15T11:00:00Z"), 1, employees(7), true);
    SnapshotFiles.write(
        location, "entities", Instant.parse("2026-01-15T12:00:00Z"), 1, employees(9), false);

    LogicalSnapshotSource source =
        new LogicalSnapshotSource(
            JsonMapper.shared(),
            SnapshotStore.localOnly(),
            location.resolve("entities").toUri().toString());

    assertThat(source.snapshot().uri()).isEqualTo(good.toString());
    assertThat(source.approximateItemCount()).isEqualTo(7);
  }

  @Test
  void shouldRefuseADirectoryWithoutACompleteSnapshot() throws Exception {
    Path unfinished =
        SnapshotFiles.write(
            location, "events", Instant.parse("2026-01-15T12:00:00Z"), 1, employees(3), false);

    assertThatThrownBy(
            () ->
                new LogicalSnapshotSource(
                    JsonMapper.shared(), SnapshotStore.localOnly(), unfinished.toString()))
        .isInstanceOf(SnapshotNotUsableException.class);
    assertThatThrownBy(
            () ->
                new LogicalSnapshotSource(
                    JsonMapper.shared(),
                    SnapshotStore.localOnly(),
                    location.resolve("nothing").toString()))
        .isInstanceOf(SnapshotNotUsableException.class);
  }
}
