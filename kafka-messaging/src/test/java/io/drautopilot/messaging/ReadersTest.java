package io.drautopilot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

class ReadersTest {

  @Test
  void shouldCloseAReaderWithoutWaitingForTheBroker() {
    // a plain close() would wait up to the default 30 s, of which fetch.max.wait.ms (500 ms) is
    // always spent on the close of the fetch session
    var timeouts = new java.util.ArrayList<Optional<Duration>>();
    MockConsumer<String, byte[]> reader =
        new MockConsumer<>("earliest") {
          @Override
          public void close(CloseOptions options) {
            timeouts.add(options.timeout());
            super.close(options);
          }
        };

    Readers.close(reader);

    assertThat(reader.closed()).isTrue();
    assertThat(timeouts).containsExactly(Optional.of(Duration.ZERO));
  }
}
