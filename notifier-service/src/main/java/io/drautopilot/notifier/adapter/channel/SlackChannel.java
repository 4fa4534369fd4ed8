package io.drautopilot.notifier.adapter.channel;

import io.drautopilot.notifier.domain.Channel;
import io.drautopilot.notifier.domain.DeliveryException;
import io.drautopilot.notifier.domain.Message;
import io.drautopilot.notifier.domain.Recipient;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): one message per level. */
public class SlackChannel implements Channel {

  private final String webhookUrl;
  private final HttpJsonPoster poster;

  public SlackChannel(String webhookUrl, Duration timeout) {
    this.webhookUrl = webhookUrl;
    this.poster = new HttpJsonPoster(timeout);
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public boolean perContact() {
    return false;
  }

  @Override
  public void deliver(Message message, Recipient recipient) throws DeliveryException {
    String who =
        recipient.contacts().stream().map(c -> c.label()).collect(Collectors.joining(", "));
    String text =
        "*"
            + message.subject()
            + "*\n"
            + message.body()
            + (who.isEmpty() ? "" : "\n_For " + recipient.label() + ": " + who + "_");
    poster.post(webhookUrl, Map.of("text", text), Map.of());
  }
}
