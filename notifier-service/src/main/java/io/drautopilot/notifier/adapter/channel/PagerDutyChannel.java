package io.drautopilot.notifier.adapter.channel;

import io.drautopilot.notifier.domain.Channel;
import io.drautopilot.notifier.domain.DeliveryException;
import io.drautopilot.notifier.domain.Message;
import io.drautopilot.notifier.domain.Recipient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}, answered 202). The dedup key is the incident
 * id, so every level and every retry updates one PagerDuty alert instead of opening new ones.
 */
public class PagerDutyChannel implements Channel {

  private final String eventsUrl;
  private final String routingKey;
  private final String source;
  private final HttpJsonPoster poster;

  public PagerDutyChannel(String eventsUrl, String routingKey, String source, Duration timeout) {
    this.eventsUrl = eventsUrl;
    this.routingKey = routingKey;
    this.source = source;
    this.poster = new HttpJsonPoster(timeout);
  }

  @Override
  public String name() {
    return "pagerduty";
  }

  @Override
  public boolean perContact() {
    return false;
  }

  @Override
  public void deliver(Message message, Recipient recipient) throws DeliveryException {
    if (routingKey == null || routingKey.isBlank()) {
      throw new DeliveryException("no routing key configured", false);
    }
    Map<String, Object> details = new LinkedHashMap<>(message.facts());
    details.put("escalationLevel", message.escalationLevel());
    details.put("levelTarget", message.levelTarget());
    details.put("body", message.body());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("summary", truncate(message.subject(), 1024));
    payload.put("source", source);
    payload.put("severity", severityOf(message.severity()));
    payload.put("component", "dynamodb");
    payload.put("group", message.scenario());
    payload.put("class", message.templateId());
    payload.put("custom_details", details);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("routing_key", routingKey);
    event.put("event_action", "trigger");
    event.put("dedup_key", message.incidentId());
    event.put("payload", payload);
    poster.post(eventsUrl, event, Map.of());
  }

  /** PagerDuty knows critical, error, warning and info. */
  static String severityOf(String severity) {
    return switch (severity) {
      case "P1" -> "critical";
      case "P2" -> "error";
      case "P3" -> "warning";
      default -> "info";
    };
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
