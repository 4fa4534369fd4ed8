package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production topology ({@code ./drill --processes}): every service from its packaged jar as its own JVM against a
 * standalone KRaft broker process, each reaching {@code /actuator/health} UP, then a recovery through them with
 * {@code kill -9} of restore-service while it imports the snapshot. The services' jars are packaged earlier in the
 * reactor (this module depends on every service).
 */
class ProductionTopologyIT {

  @Test
  void shouldRecoverWithoutRepeatingAnyActionWhenRestoreServiceIsKilledMidImport()
      throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out =
        new PrintStream(
            new SandboxDrillIT.TeeStream(buffer, System.out), true, StandardCharsets.UTF_8);

    int exit =
        new SandboxDrill(
                new DrillOptions(
                    DrillOptions.Scenario.TABLE_CORRUPTION,
                    2_000,
                    null,
                    Duration.ofMinutes(5),
                    "tyler-setup-it",
                    false,
                    true,
                    List.of(new Disruptions.Disruption("restore-service", "import-snapshot"))),
                out)
            .run();

    String output = buffer.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output)
        .contains("Kafka broker (KRaft, standalone process")
        .contains("services up, each from its packaged jar in its own JVM (/actuator/health UP)")
        .contains("containment-service :")
        .contains("detector-service :")
        .contains("restore-service killed (kill -9")
        .contains("commands emitted, none twice")
        .contains("commands completed, none twice")
        .contains("none repeated with the same request")
        .contains("RECOVERY VERIFIED");
  }
}
