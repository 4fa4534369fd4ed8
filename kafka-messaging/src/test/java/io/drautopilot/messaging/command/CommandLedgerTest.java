package io.drautopilot.messaging.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.drautopilot.contracts.Topics;
import io.drautopilot.messaging.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * The ledger's own writes, without a broker (reading the topic back after a restart is
 * {@code MessagingConventionsIT}'s).
 */
class CommandLedgerTest {

  @SuppressWarnings("unchecked")
  final KafkaTemplate<String, Object> template = mock(KafkaTemplate.class);
  final List<ProducerRecord<String, Object>> sent = new ArrayList<>();
  final CommandLedger ledger = new CommandLedger(Map.of(), template, "restore");

  @Test
  void shouldKnowACommandAsStartedOnceItsStartIsWritten() {
    acceptWrites();

    ledger.markStarted("idem-1");

    assertThat(ledger.find("idem-1")).hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(CommandLedger.State.STARTED));
    assertThat(ledger.find("idem-2")).isEmpty();
    assertThat(ledger.size()).isEqualTo(1);
  }

  @Test
  void shouldKeepTheEncodedResultOfACompletedCommand() {
    acceptWrites();
    byte[] result = {1, 2, 3};

    ledger.markStarted("idem-1");
    ledger.markCompleted("idem-1", result);

    assertThat(ledger.find("idem-1")).hasValueSatisfying(e -> {
      assertThat(e.state()).isEqualTo(CommandLedger.State.COMPLETED);
      assertThat(e.result()).containsExactly(1, 2, 3);
    });
    assertThat(ledger.size()).isEqualTo(1);
  }

  @Test
  void shouldWriteEachEntryUnderTheHandlersOwnKeyWithItsStateAndHandlerInTheHeaders() {
    acceptWrites();

    ledger.markCompleted("idem-1", new byte[] {7});

    assertThat(sent).singleElement().satisfies(r -> {
      assertThat(r.topic()).isEqualTo(Topics.COMMAND_LEDGER);
      assertThat(r.key()).isEqualTo("restore:idem-1");
      assertThat((byte[]) r.value()).containsExactly(7);
      assertThat(header(r, EventHeaders.LEDGER_STATE)).isEqualTo("COMPLETED");
      assertThat(header(r, EventHeaders.HANDLER)).isEqualTo("restore");
    });
  }

  @Test
  void shouldNotTakeACommandAsStartedWhenItsStartCouldNotBeWritten() {
    when(template.send(any(ProducerRecord.class)))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("broker gone")));

    assertThatThrownBy(() -> ledger.markStarted("idem-1")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not write the command ledger for restore:idem-1");
    assertThat(ledger.find("idem-1")).isEmpty();
  }

  @Test
  void shouldRefuseToGoOnWhenItCannotCatchUpInTime() {
    // never started: nothing reads the topic, so it can never have caught up
    assertThatThrownBy(() -> ledger.awaitCaughtUp(Duration.ofMillis(50))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not catch up within PT0.05S");
    assertThat(ledger.isRunning()).isFalse();
  }

  @Test
  void shouldStartBeforeTheListenersThatAskIt() {
    // listener containers start in phase Integer.MAX_VALUE - 100
    assertThat(ledger.getPhase()).isLessThan(Integer.MAX_VALUE - 100);
  }

  private void acceptWrites() {
    when(template.send(any(ProducerRecord.class))).thenAnswer(invocation -> {
      sent.add(invocation.getArgument(0));
      return CompletableFuture.completedFuture((SendResult<String, Object>) null);
    });
  }

  private static String header(ProducerRecord<String, Object> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
