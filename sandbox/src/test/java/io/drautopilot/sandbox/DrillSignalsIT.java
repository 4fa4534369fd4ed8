package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./drill} stopped by a signal, as people stop it: with a plain {@code kill} (SIGTERM; a drill in the background
 * does not get Ctrl-C) while staying, and before its verdict. Either way the drill stops everything in its own order
 * instead of racing the embedded broker's shutdown hook, which deleted the broker's files while it was still writing
 * them.
 */
class DrillSignalsIT {

  /** The drill's JVM options, as ./drill gives them (a service's small heap would not hold the whole drill). */
  private static final List<String> DRILL_JVM =
      List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  @Test
  void shouldStopEverythingInItsOrderWhenTerminatedWhileStaying(@TempDir Path keep)
      throws Exception {
    Path output = keep.resolveSibling(keep.getFileName() + ".out");
    JavaProcess drill =
        JavaProcess.sandboxMain(
                "drill --stay",
                SandboxDrill.class,
                DRILL_JVM,
                List.of("--stay", "--items", "2000", "--history", "off", "--keep", keep.toString()),
                output)
            .start();
    try {
      awaitPrinted(drill, output, "staying up (--stay)");

      drill.stop(); // SIGTERM; SIGKILL (exit 137) only if the drill has not ended 30 s later

      String printed = printed(output);
      assertThat(drill.exitValue()).as(printed).isZero();
      assertThat(printed).contains("RECOVERY VERIFIED").contains("SIGTERM: stopping everything");
      String stop = printed.substring(printed.indexOf("SIGTERM: stopping everything"));
      assertThat(stop).as(stop).doesNotContain("ERROR").doesNotContain("Exception");
    } finally {
      drill.kill();
      Files.deleteIfExists(output);
    }
  }

  @Test
  void shouldStopEverythingInItsOrderAndSaySoWhenTerminatedBeforeTheVerdict(@TempDir Path tmp)
      throws Exception {
    Path output = tmp.resolveSibling(tmp.getFileName() + ".out");
    List<String> jvm = new ArrayList<>(DRILL_JVM);
    // the drill's temporary state directory and the embedded broker's log directory are made here
    jvm.add("-Djava.io.tmpdir=" + tmp);
    JavaProcess drill =
        JavaProcess.sandboxMain(
                "drill",
                SandboxDrill.class,
                jvm,
                List.of("--items", "2000", "--history", "off"),
                output)
            .start();
    try {
      awaitPrinted(drill, output, "fault injected");
      assertThat(tmp.toFile().list())
          .anyMatch(name -> name.startsWith("dr-autopilot-sandbox-"))
          .anyMatch(name -> name.startsWith("kafka-"));

      drill.stop(); // SIGTERM in the middle of the recovery

      String printed = printed(output);
      assertThat(drill.exitValue()).as(printed).isEqualTo(128 + 15);
      String said = "SIGTERM: the drill stops before its verdict; stopping everything";
      assertThat(printed).contains(said).doesNotContain("RECOVERY VERIFIED");
      String stop = printed.substring(printed.indexOf(said));
      assertThat(stop).as(stop).doesNotContain("ERROR").doesNotContain("Exception");
      assertThat(tmp.toFile().list())
          .as("the drill's state and the broker's log removed")
          .noneMatch(name -> name.startsWith("dr-autopilot-sandbox-"))
          .noneMatch(name -> name.startsWith("kafka-"));
    } finally {
      drill.kill();
      Files.deleteIfExists(output);
    }
  }

  private static void awaitPrinted(JavaProcess drill, Path output, String line) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (!printed(output).contains(line)) {
      assertThat(drill.isAlive()).as(printed(output)).isTrue();
      assertThat(Instant.now()).as(printed(output)).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  private static String printed(Path output) throws java.io.IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
