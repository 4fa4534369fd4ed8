package io.drautopilot.notifier.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.notifier.domain.Redactor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfidentialChannelsSettingTest {

  @Test
  void shouldRefuseAnUnknownChannelNameAtStartUp() {
    // given a typo in the list of confidential channels
    NotifierProperties p =
        NotifierSettings.bind(
            Map.of(
                "dr.notifier.channels.confidential", "e-mail",
                "dr.notifier.channels.email.enabled", "false"));

    // when / then start-up fails naming the setting and the value
    assertThatThrownBy(
            () ->
                new NotifierConfiguration()
                    .notificationService(
                        p,
                        NotifierConfiguration.policyOf(p),
                        null,
                        new Redactor(List.of()),
                        Clock.systemUTC()))
        .hasMessageContaining("dr.notifier.channels.confidential")
        .hasMessageContaining("e-mail");
  }
}
