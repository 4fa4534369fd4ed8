package io.drautopilot.notifier.adapter.channel;

import io.drautopilot.notifier.domain.Channel;
import io.drautopilot.notifier.domain.Contact;
import io.drautopilot.notifier.domain.DeliveryException;
import io.drautopilot.notifier.domain.Message;
import io.drautopilot.notifier.domain.Recipient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A generic JSON webhook (an internal status page, a chat bridge), optionally with a bearer token. */
public class WebhookChannel implements Channel {

  private final String url;
  private final String token;
  private final HttpJsonPoster poster;

  public WebhookChannel(String url, String token, Duration timeout) {
    this.url = url;
    this.token = token;
    this.poster = new HttpJsonPoster(timeout);
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public boolean perContact() {
    return false;
  }

  @Override
  public void deliver(Message message, Recipient recipient) throws DeliveryException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("incidentId", message.incidentId());
    body.put("severity", message.severity());
    body.put("scenario", message.scenario());
    body.put("escalationLevel", message.escalationLevel());
    body.put("levelTarget", message.levelTarget());
    body.put("templateId", message.templateId());
    body.put("subject", message.subject());
    body.put("body", message.body());
    body.put("recipients", recipient.contacts().stream().map(Contact::label).toList());
    body.put("facts", message.facts());
    poster.post(
        url,
        body,
        token == null || token.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }
}
