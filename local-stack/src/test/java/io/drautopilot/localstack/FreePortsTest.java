package io.drautopilot.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void shouldPickFreePortsBelowTheEphemeralRangeAndNeverTheSameTwice() throws Exception {
    int ephemeralStart = FreePorts.ephemeralStart();
    Set<Integer> picked = new HashSet<>();

    for (int i = 0; i < 200; i++) {
      int port = FreePorts.pick();
      assertThat(port).isBetween(FreePorts.LOWEST, ephemeralStart - 1);
      assertThat(picked.add(port)).as("port %d picked twice", port).isTrue();
      // free: a web server can bind it on every address
      try (ServerSocket s = new ServerSocket(port)) {
        assertThat(s.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void shouldNotPickAPortSomethingListensOn() throws Exception {
    try (ServerSocket listening = new ServerSocket(FreePorts.pick())) {
      assertThat(FreePorts.free(listening.getLocalPort())).isFalse();
    }
  }

  @Test
  void shouldTakeAnEphemeralPortWhenTheRangeLeavesNoRoomBelowIt() {
    int port = FreePorts.pick(FreePorts.LOWEST + 10);

    assertThat(port).isGreaterThanOrEqualTo(FreePorts.LOWEST + 10);
  }

  @Test
  void shouldReadTheSystemsEphemeralRangeOrAssumeLinuxDefault() {
    assertThat(FreePorts.ephemeralStart()).isBetween(1_024, 65_535);
  }
}
