package io.drautopilot.messaging.command;

import static io.drautopilot.messaging.command.LedgerRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.contracts.Topics;
import io.drautopilot.messaging.EventHeaders;
import io.drautopilot.messaging.command.CommandLedger.Entry;
import io.drautopilot.messaging.command.CommandLedger.State;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * How each ledger record read back changes what the handler knows: the decisions of the reading
 * thread, without a broker ({@code CommandLedgerReplayIT} reads the same records on one).
 */
class CommandLedgerViewTest {

  final CommandLedgerView view = new CommandLedgerView("restore");

  @Test
  void shouldKeyEachCommandByItsHandler() {
    assertThat(view.key("idem-1")).isEqualTo("restore:idem-1");
  }

  @Test
  void shouldTakeAStartedCommandAndACompletedOneWithItsResult() {
    view.apply(record("restore:idem-started", "STARTED", new byte[0]));
    view.apply(record("restore:idem-done", "COMPLETED", new byte[] {4, 2}));

    assertThat(view.find("restore:idem-started"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(State.STARTED));
    assertThat(view.find("restore:idem-done"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.state()).isEqualTo(State.COMPLETED);
              assertThat(e.result()).containsExactly(4, 2);
            });
    assertThat(view.find("restore:idem-other")).isEmpty();
    assertThat(view.size()).isEqualTo(2);
  }

  @Test
  void shouldIgnoreOtherHandlersEntriesAndKeylessRecords() {
    view.apply(record("other:idem-1", "COMPLETED", new byte[] {1}));
    view.apply(record("restorex:idem-2", "COMPLETED", new byte[] {1}));
    view.apply(record("restore", "COMPLETED", new byte[] {1}));
    view.apply(record(null, "COMPLETED", new byte[] {1}));

    assertThat(view.size()).isZero();
  }

  @Test
  void shouldNotLetAnotherHandlersUndecodableRecordStopIt() {
    view.apply(record("other:idem-1", "CANCELLED", new byte[] {1}));

    assertThat(view.size()).isZero();
  }

  @Test
  void shouldTakeACompletionAfterAStart() {
    view.apply(record("restore:idem-1", "STARTED", new byte[0]));
    view.apply(record("restore:idem-1", "COMPLETED", new byte[] {9}));

    assertThat(view.find("restore:idem-1"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.state()).isEqualTo(State.COMPLETED);
              assertThat(e.result()).containsExactly(9);
            });
    assertThat(view.size()).isEqualTo(1);
  }

  @Test
  void shouldNeverLetALateStartUndoACompletion() {
    view.apply(record("restore:idem-1", "COMPLETED", new byte[] {9}));
    view.apply(record("restore:idem-1", "STARTED", new byte[0]));

    assertThat(view.find("restore:idem-1"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.state()).isEqualTo(State.COMPLETED);
              assertThat(e.result()).containsExactly(9);
            });
  }

  @Test
  void shouldNeverLetALateStartUndoItsOwnCompletion() {
    // the completion this instance wrote itself, then its retried start read back
    view.recorded("restore:idem-1", new Entry(State.COMPLETED, new byte[] {9}));
    view.apply(record("restore:idem-1", "STARTED", new byte[0]));

    assertThat(view.find("restore:idem-1"))
        .hasValueSatisfying(e -> assertThat(e.result()).containsExactly(9));
  }

  @Test
  void shouldTakeTheLatestOfTwoStartsAndOfTwoCompletions() {
    view.apply(record("restore:idem-started", "STARTED", new byte[] {1}));
    view.apply(record("restore:idem-started", "STARTED", new byte[] {2}));
    view.apply(record("restore:idem-done", "COMPLETED", new byte[] {1}));
    view.apply(record("restore:idem-done", "COMPLETED", new byte[] {2}));

    assertThat(view.find("restore:idem-started"))
        .hasValueSatisfying(e -> assertThat(e.result()).containsExactly(2));
    assertThat(view.find("restore:idem-done"))
        .hasValueSatisfying(e -> assertThat(e.result()).containsExactly(2));
  }

  @Test
  void shouldForgetACommandWhoseRecordWasDeleted() {
    view.apply(record("restore:idem-1", "COMPLETED", new byte[] {1}));
    view.apply(record("restore:idem-2", "COMPLETED", new byte[] {1}));

    view.apply(record("restore:idem-1", "COMPLETED", null));

    assertThat(view.find("restore:idem-1")).isEmpty();
    assertThat(view.find("restore:idem-2")).isPresent();
  }

  @Test
  void shouldForgetACommandWhoseRecordCarriesNoState() {
    view.apply(record("restore:idem-1", "COMPLETED", new byte[] {1}));

    view.apply(record("restore:idem-1", null, new byte[] {1}));

    assertThat(view.find("restore:idem-1")).isEmpty();
    assertThat(view.size()).isZero();
  }

  @Test
  void shouldReadTheLastStateHeaderOfARecord() {
    ConsumerRecord<String, byte[]> r = record("restore:idem-1", "STARTED", new byte[] {1});
    r.headers().add(EventHeaders.LEDGER_STATE, "COMPLETED".getBytes(StandardCharsets.UTF_8));

    view.apply(r);

    assertThat(view.find("restore:idem-1"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(State.COMPLETED));
  }

  @Test
  void shouldRefuseARecordOfItsOwnWhoseStateItDoesNotKnow() {
    view.apply(record("restore:idem-1", "STARTED", new byte[0]));

    assertThatThrownBy(() -> view.apply(record("restore:idem-1", "CANCELLED", new byte[] {1})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CANCELLED")
        .hasMessageContaining(Topics.COMMAND_LEDGER + " partition 0 offset 0, key restore:idem-1")
        .hasMessageContaining("none of [STARTED, COMPLETED]")
        .hasMessageContaining("a tombstone")
        .hasMessageContaining(EventHeaders.LEDGER_STATE + "=STARTED");
    assertThat(view.find("restore:idem-1"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(State.STARTED));
  }

  @Test
  void shouldKnowWhatItWroteItself() {
    view.recorded("restore:idem-1", new Entry(State.STARTED, new byte[0]));

    assertThat(view.find("restore:idem-1"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(State.STARTED));
    assertThat(view.size()).isEqualTo(1);
  }
}
