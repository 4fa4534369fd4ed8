package io.drautopilot.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report and the archive read every topic of the catalog that carries records about an incident. */
class LogTopicsTest {

  @Test
  void shouldReadEveryCommandTopicOfTheCatalogByDefaultSoANewHandlersCommandsAreReported() {
    List<String> defaults = NotifierSettings.defaults().report().logTopics();

    List<String> commandTopics =
        Topics.ALL.stream()
            .map(Topics.TopicSpec::name)
            .filter(
                n ->
                    n.startsWith("dr.commands.")
                        && !n.endsWith(Topics.DEAD_LETTER_SUFFIX)
                        && !n.equals(Topics.COMMAND_LEDGER))
            .toList();
    assertThat(defaults)
        .containsAll(commandTopics)
        .contains(Topics.CONTAINMENT_COMMANDS, Topics.COMMAND_PROGRESS);
  }

  @Test
  void
      shouldReadDetectionsApprovalsNotificationsAndTheTimelineButNoDeadLettersTicksOrLedgerWhenDefaulted() {
    List<String> defaults = NotifierProperties.defaultLogTopics();

    assertThat(defaults)
        .contains(
            Topics.INCIDENTS_DETECTED,
            Topics.OPERATOR_ACTIONS,
            Topics.NOTIFICATION_DELIVERIES,
            Topics.INCIDENT_TIMELINE,
            Topics.COMMAND_RESULTS)
        .doesNotContain(Topics.CLOCK_TICKS, Topics.COMMAND_LEDGER)
        .noneMatch(t -> t.endsWith(Topics.DEAD_LETTER_SUFFIX));
  }
}
