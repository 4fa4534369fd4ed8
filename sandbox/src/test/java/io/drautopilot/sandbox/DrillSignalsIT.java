package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./drill --stay} run in the background, where Ctrl-C does not reach it, and stopped with a plain {@code kill}
 * (SIGTERM): the drill stops everything in its own order, as on Ctrl-C, instead of racing the embedded broker's
 * shutdown hook, which deleted the broker's files while it was still writing them.
 */
class StayIT {

  @Test
  void shouldStopEverythingInItsOrderWhenTerminatedWhileStaying(@TempDir Path keep)
      throws Exception {
    Path output = keep.resolveSibling(keep.getFileName() + ".out");
    // the whole drill in one JVM, as ./drill runs it (a service's small heap would not hold it)
    JavaProcess drill =
        JavaProcess.sandboxMain(
                "drill --stay",
                SandboxDrill.class,
                List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                List.of("--stay", "--items", "2000", "--history", "off", "--keep", keep.toString()),
                output)
            .start();
    try {
      Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
      while (!printed(output).contains("staying up (--stay)")) {
        assertThat(drill.isAlive()).as(printed(output)).isTrue();
        assertThat(Instant.now()).as(printed(output)).isBefore(deadline);
        Thread.sleep(500);
      }

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

  private static String printed(Path output) throws java.io.IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
