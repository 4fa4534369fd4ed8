package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.drctl.Drctl;
import io.drautopilot.drctl.DrillLog;
import io.drautopilot.drctl.IncidentDrill;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kept drill's incident turned into a drill by drctl drill-from, and drilled again with --from-incident. */
class FromIncidentIT {

  @Test
  void shouldTakeTheSameRunbookPathWhenARecordedIncidentIsDrilledAgain(
      @TempDir Path keep, @TempDir Path drills) throws Exception {
    // given a table corruption drilled and kept
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    int firstExit =
        new SandboxDrill(
                new DrillOptions(
                        DrillOptions.Scenario.TABLE_CORRUPTION,
                        2_000,
                        keep,
                        Duration.ofMinutes(5),
                        "tyler-setup-it",
                        false)
                    .withHistory(null),
                print(first))
            .run();
    assertThat(firstExit).as(first.toString(StandardCharsets.UTF_8)).isZero();

    // and turned into a drill by drctl drill-from from the kept directory
    String incidentId = DrillLog.read(keep).incidentIds().iterator().next();
    Path recording = drills.resolve("corruption");
    ByteArrayOutputStream drctl = new ByteArrayOutputStream();
    int drillFrom =
        Drctl.run(
            new String[] {
              "drill-from", incidentId, "--from", keep.toString(), "--to", recording.toString()
            },
            print(drctl),
            print(drctl));
    assertThat(drillFrom).as(drctl.toString(StandardCharsets.UTF_8)).isZero();
    IncidentDrill recorded = IncidentDrill.read(recording);

    // when it is drilled again from the recording
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    int exit =
        new SandboxDrill(
                new DrillOptions(
                        DrillOptions.Scenario.TABLE_CORRUPTION,
                        2_000,
                        null,
                        Duration.ofMinutes(5),
                        "tyler-setup-it",
                        false)
                    .withHistory(null)
                    .withFromIncident(recording),
                print(again))
            .run();

    // then the recorded signal raised the incident, not the detector's probe, and the same path was
    // taken
    String output = again.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output)
        .contains(
            "recorded signal 1 of "
                + recorded.signals().size()
                + " re-injected on dr.incidents.detected")
        .contains("the detector's integrity probe off")
        .contains("recorded incident " + incidentId)
        .contains("runbook path     same runbook path (" + recorded.finalPath().size() + " steps")
        .containsPattern(
            "RTO +drilled \\d+ s, recorded "
                + recorded.recovery().measuredRtoSeconds()
                + " s, target 900 s");
    assertThat(output.lines().filter(l -> l.contains(" IncidentOpened "))).hasSize(1);
  }

  private static PrintStream print(ByteArrayOutputStream buffer) {
    return new PrintStream(
        new SandboxDrillIT.TeeStream(buffer, System.out), true, StandardCharsets.UTF_8);
  }
}
