package io.drautopilot.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utils.SdkAutoCloseable;

class RegionalClientsTest {

  record Client(String region, List<String> closed) implements SdkAutoCloseable {
    @Override
    public void close() {
      closed.add(String.valueOf(region));
    }
  }

  final List<String> built = new ArrayList<>();
  final List<String> closed = new ArrayList<>();
  final RegionalClients<Client> clients =
      new RegionalClients<>(
          region -> {
            built.add(String.valueOf(region));
            return new Client(region, closed);
          });

  @Test
  void shouldBuildOneClientPerRegionAndTheDefaultOnceWhenTheRegionIsNullOrBlank() {
    Client east = clients.forRegion("us-east-1");

    assertThat(clients.forRegion("us-east-1")).isSameAs(east);
    assertThat(clients.forRegion(null))
        .isSameAs(clients.forRegion(""))
        .isSameAs(clients.forRegion("  "));
    assertThat(clients.forRegion(null).region()).isNull();
    assertThat(built).containsExactly("us-east-1", "null");
  }

  @Test
  void shouldCloseEveryClientItBuiltWhenClosed() {
    clients.forRegion("us-east-1");
    clients.forRegion("us-west-2");

    clients.close();

    assertThat(closed).containsExactlyInAnyOrder("us-east-1", "us-west-2");
  }
}
