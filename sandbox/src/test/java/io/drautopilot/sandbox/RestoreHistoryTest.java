package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreHistoryTest {

  @Test
  void shouldReadBackTheRestoresOfEarlierDrillsInTheOrderTheyWereKept(@TempDir Path dir)
      throws Exception {
    RestoreHistory history =
        new RestoreHistory(dir.resolve("state").resolve(RestoreHistory.FILE_NAME));
    RestoreHistory.Restore small =
        new RestoreHistory.Restore(
            "entities",
            3_000,
            "SNAPSHOT_IMPORT",
            2_400,
            Instant.parse("2026-12-03T10:00:00Z"),
            "incident-1",
            "event-1");
    RestoreHistory.Restore large =
        new RestoreHistory.Restore(
            "events",
            200_000,
            "SNAPSHOT_IMPORT",
            95_000,
            Instant.parse("2026-12-03T11:00:00Z"),
            "incident-2",
            "event-2");

    history.append(List.of(small));
    history.append(List.of(large));

    assertThat(history.read()).containsExactly(small, large);
  }

  @Test
  void shouldSkipALineItCannotReadAndKeepTheRest(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(RestoreHistory.FILE_NAME);
    Files.writeString(
        file,
        "not json\n{\"table\":\"events\",\"items\":10,\"path\":\"SNAPSHOT_IMPORT\",\"durationMillis\":5,"
            + "\"at\":\"2026-12-03T10:00:00Z\",\"incidentId\":\"i\",\"eventId\":\"e\"}\n");

    assertThat(new RestoreHistory(file).read())
        .extracting(RestoreHistory.Restore::table)
        .containsExactly("events");
  }

  @Test
  void shouldKeepOnlyTheNewestRestoresHoweverManyDrillsRan(@TempDir Path dir) throws Exception {
    RestoreHistory history = new RestoreHistory(dir.resolve(RestoreHistory.FILE_NAME));
    List<Integer> dropped = new ArrayList<>();
    for (int drill = 1; drill <= RestoreHistory.KEPT + 5; drill++) {
      dropped.add(
          history.append(
              List.of(
                  new RestoreHistory.Restore(
                      "entities",
                      40_000,
                      "SNAPSHOT_IMPORT",
                      9_000 + drill,
                      Instant.parse("2026-12-03T10:00:00Z").plusSeconds(drill),
                      "incident-" + drill,
                      "event-" + drill))));
    }

    List<RestoreHistory.Restore> kept = history.read();
    assertThat(kept).hasSize(RestoreHistory.KEPT);
    assertThat(kept.get(0).incidentId()).isEqualTo("incident-6");
    assertThat(kept.get(kept.size() - 1).incidentId())
        .isEqualTo("incident-" + (RestoreHistory.KEPT + 5));
    assertThat(dropped.subList(0, RestoreHistory.KEPT)).containsOnly(0);
    assertThat(dropped.subList(RestoreHistory.KEPT, dropped.size())).containsOnly(1);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve(RestoreHistory.FILE_NAME));
    }
  }

  @Test
  void shouldHaveNothingToTellBeforeTheFirstDrill(@TempDir Path dir) throws Exception {
    assertThat(new RestoreHistory(dir.resolve("none.jsonl")).read()).isEmpty();
  }
}
