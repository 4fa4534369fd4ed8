package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class DrillReadinessTest {

  static DrillReadiness.Assessment forecastOf(long p90Millis) {
    DrillReadiness.PathForecast imports =
        new DrillReadiness.PathForecast(
            "SNAPSHOT_IMPORT",
            true,
            3_900,
            p90Millis,
            "history (3 runs)",
            3,
            500,
            900,
            60L,
            true,
            true,
            List.of());
    return new DrillReadiness.Assessment(
        "2026-12-03T09:00:00Z",
        900,
        300,
        90,
        Map.of(
            "t",
            new DrillReadiness.TableReadiness(
                "t", 0, 90, "SNAPSHOT_IMPORT", "", true, List.of(imports))));
  }

  @Test
  void shouldMeasureTheForecastErrorToTheMillisecond() {
    // 4.6 s forecast against 4.0 s measured: whole seconds would have said 4 s and 0 %
    assertThat(DrillReadiness.forecastError(forecastOf(4_600), "t", "SNAPSHOT_IMPORT", 4_000))
        .isEqualTo(
            "t by SNAPSHOT_IMPORT: forecast P90 4.6 s (history (3 runs)) against measured 4.0 s: error +15 %");
  }

  @Test
  void shouldNotCallATableEmptyWhenDescribeTableReportsNoItems() {
    // DescribeTable's count lags by hours (dynalite always says 0): 0 is unknown, not empty
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    DrillReadiness.print(
        forecastOf(4_600), List.of("t"), new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("t: score 90/100, size not reported by DescribeTable, targets met")
        .doesNotContain("0 items");
  }

  @Test
  void shouldReadTheMillisecondsAndFallBackToTheSecondsOfAnOlderService() throws Exception {
    ObjectMapper json = new ObjectMapper();

    assertThat(DrillReadiness.millis(json.readTree("{\"p90Seconds\":4,\"p90Millis\":4650}"), "p90"))
        .isEqualTo(4_650);
    assertThat(DrillReadiness.millis(json.readTree("{\"p90Seconds\":4}"), "p90")).isEqualTo(4_000);
  }
}
