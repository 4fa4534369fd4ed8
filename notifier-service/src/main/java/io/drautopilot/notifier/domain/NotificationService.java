package io.drautopilot.notifier.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes a request to contacts and channels, renders the template once, and delivers on every
 * routed channel with retries and backoff. Every attempt is recorded as it happens; a channel that
 * keeps failing is given up on and the others still go out.
 */
public class NotificationService {

  /** What happened to one request. */
  public record Summary(
      int delivered,
      int failed,
      List<String> channels,
      List<DeliveryAttempt> attempts,
      NotificationPolicy.Routing routing) {}

  private final NotificationPolicy policy;
  private final Map<String, MessageTemplate> templates;
  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Redactor redactor;
  private final Clock clock;

  /** Channels that may carry an incident's breach subjects unmasked (e.g. the security team's email). */
  private final java.util.Set<String> confidentialChannels;

  /** Escalation pages seen per incident and level: the second and later go to the secondaries. */
  private final Map<String, Integer> escalationRounds =
      new java.util.concurrent.ConcurrentHashMap<>();

  public NotificationService(
      NotificationPolicy policy,
      Map<String, MessageTemplate> templates,
      List<Channel> channels,
      RetryPolicy retry,
      Sleeper sleeper,
      Redactor redactor,
      Clock clock) {
    this(policy, templates, channels, retry, sleeper, redactor, clock, java.util.Set.of());
  }

  public NotificationService(
      NotificationPolicy policy,
      Map<String, MessageTemplate> templates,
      List<Channel> channels,
      RetryPolicy retry,
      Sleeper sleeper,
      Redactor redactor,
      Clock clock,
      java.util.Set<String> confidentialChannels) {
    this.confidentialChannels = java.util.Set.copyOf(confidentialChannels);
    this.policy = policy;
    this.templates = Map.copyOf(templates);
    channels.forEach(c -> this.channels.put(c.name(), c));
    this.retry = retry;
    this.sleeper = sleeper;
    this.redactor = redactor;
    this.clock = clock;
  }

  public Summary notify(NotificationRequest request, AttemptRecorder recorder)
      throws InterruptedException {
    NotificationPolicy.Routing routing = onCall(request, policy.route(request));
    Message message = render(request, routing);
    List<DeliveryAttempt> attempts = new ArrayList<>();
    AttemptRecorder both =
        a -> {
          attempts.add(a);
          recorder.record(a);
        };
    int delivered = 0;
    int failed = 0;
    List<String> used = new ArrayList<>();
    for (String name : routing.channels()) {
      Channel channel = channels.get(name);
      if (channel == null) {
        continue; // routed but not enabled here: configuration, not a delivery failure
      }
      used.add(name);
      Message forChannel =
          confidentialChannels.contains(name)
              ? message
              : message.redacting(request.confidentialValues());
      for (Recipient recipient : recipients(channel, routing)) {
        if (deliver(channel, forChannel, recipient, both)) {
          delivered++;
        } else {
          failed++;
        }
      }
    }
    return new Summary(delivered, failed, used, List.copyOf(attempts), routing);
  }

  private List<Recipient> recipients(Channel channel, NotificationPolicy.Routing routing) {
    if (!channel.perContact()) {
      return List.of(new Recipient(routing.level().target(), routing.contacts()));
    }
    return routing.contacts().stream()
        .filter(channel::reaches)
        .map(c -> new Recipient(c.label(), List.of(c)))
        .toList();
  }

  /**
   * The runbook's contact table has a primary and a secondary per role: an escalation page is the
   * primary's the first time at a level, and the secondary's when it comes again for the same incident
   * and level (the orchestrator re-pages because nobody acknowledged). The round is the {@code round}
   * fact when given, else counted here (in memory: after a restart the primary is paged first again).
   */
  NotificationPolicy.Routing onCall(
      NotificationRequest request, NotificationPolicy.Routing routing) {
    if (!"escalation".equals(request.templateId())) {
      return routing;
    }
    int round =
        escalationRounds.merge(
            request.incidentId() + "@" + request.escalationLevel(), 1, Integer::sum);
    try {
      round = Integer.parseInt(request.facts().getOrDefault("round", "").strip());
    } catch (NumberFormatException e) {
      // not given: the count above stands
    }
    if (round < 2) {
      return routing;
    }
    return new NotificationPolicy.Routing(
        routing.level(),
        routing.contacts().stream().map(Contact::secondaryOnCall).toList(),
        routing.channels(),
        routing.routes(),
        routing.roleHolders());
  }

  private boolean deliver(
      Channel channel, Message message, Recipient recipient, AttemptRecorder recorder)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        channel.deliver(message, recipient);
        recorder.record(
            new DeliveryAttempt(
                channel.name(),
                recipient.label(),
                message.templateId(),
                attempt,
                DeliveryAttempt.Outcome.DELIVERED,
                null,
                clock.instant()));
        return true;
      } catch (DeliveryException | RuntimeException e) {
        boolean retryable = !(e instanceof DeliveryException de) || de.retryable();
        boolean again = retryable && attempt < retry.maxAttempts();
        recorder.record(
            new DeliveryAttempt(
                channel.name(),
                recipient.label(),
                message.templateId(),
                attempt,
                again ? DeliveryAttempt.Outcome.RETRYING : DeliveryAttempt.Outcome.FAILED,
                redactor.redact(describe(e)),
                clock.instant()));
        if (!again) {
          return false;
        }
        sleeper.sleep(retry.backoffAfter(attempt));
      }
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return e instanceof DeliveryException
        ? m
        : e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /** Renders the request's template (or the {@code default} one) with the facts and the built-ins. */
  public Message render(NotificationRequest request, EscalationLevel level) {
    return render(request, new NotificationPolicy.Routing(level, List.of(), List.of(), List.of()));
  }

  /**
   * Renders the request's template (or the {@code default} one) with the facts and the built-ins. An
   * {@code escalation} uses the template of its reason's kind when there is one; built-ins filled from
   * the facts (the approvers, the RTO verdict, the failing step) keep templates free of fixed numbers.
   */
  public Message render(NotificationRequest request, NotificationPolicy.Routing routing) {
    EscalationLevel level = routing.level();
    Map<String, String> values = new HashMap<>(request.facts());
    MessageTemplate template = templates.get(request.templateId());
    if ("escalation".equals(request.templateId()) && request.escalation() != null) {
      EscalationReason reason = request.escalation();
      String kindTemplate = reason.kind().templateId();
      if (kindTemplate != null && templates.containsKey(kindTemplate)) {
        template = templates.get(kindTemplate);
      }
      putIfGiven(values, "failedStep", reason.failedStep());
      putIfGiven(values, "failure", reason.failure());
    }
    if (template == null) {
      template =
          templates.getOrDefault(
              "default",
              new MessageTemplate(
                  "default",
                  "[{{severity}}] {{scenario}} incident {{incidentId}}",
                  "Incident {{incidentId}}: {{severityLabel}}, scenario {{scenario}}."));
    }
    values.put("incidentId", request.incidentId());
    values.put("severity", request.severity());
    values.put("severityLabel", Severities.label(request.severity()));
    values.put("scenario", request.scenario());
    values.put("escalationLevel", Integer.toString(request.escalationLevel()));
    values.put("levelTarget", level.target());
    values.put("levelWindow", level.window());
    values.put("templateId", request.templateId());
    values.putIfAbsent(
        "rtoTargetSeconds", Long.toString(Severities.rtoTargetSeconds(request.severity())));
    values.putIfAbsent("rpoTargetSeconds", "300");
    values.putIfAbsent("rtoVerdict", rtoVerdict(request.facts(), values.get("rtoTargetSeconds")));
    values.putIfAbsent("recipientRole", request.recipientRole());
    if (!routing.roleHolders().isEmpty()) {
      values.putIfAbsent(
          "roleHolders",
          routing.roleHolders().stream()
              .map(Contact::label)
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    values.putIfAbsent("approveLinks", approveLinks(request));
    values.putIfAbsent(
        "pagedContacts",
        routing.contacts().stream()
            .map(Contact::label)
            .collect(java.util.stream.Collectors.joining(", ")));
    values.putIfAbsent(
        "facts",
        request.facts().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> "- " + e.getKey() + ": " + e.getValue())
            .collect(java.util.stream.Collectors.joining("\n")));
    return new Message(
        request.incidentId(),
        request.severity(),
        request.scenario(),
        request.escalationLevel(),
        level.target(),
        request.templateId(),
        MessageTemplate.fill(template.subject(), values).strip(),
        MessageTemplate.fill(template.body(), values),
        Map.copyOf(request.facts()));
  }

  private static void putIfGiven(Map<String, String> values, String key, String value) {
    if (value != null && !value.isBlank()) {
      values.putIfAbsent(key, value);
    }
  }

  /** "met" / "MISSED" from {@code rtoTargetMet}, else from the measured RTO against the target. */
  static String rtoVerdict(Map<String, String> facts, String target) {
    String met = facts.get("rtoTargetMet");
    if (met != null && !met.isBlank()) {
      return Boolean.parseBoolean(met.strip()) ? "met" : "MISSED";
    }
    try {
      return Long.parseLong(facts.getOrDefault("measuredRtoSeconds", "").strip())
              <= Long.parseLong(target.strip())
          ? "met"
          : "MISSED";
    } catch (NumberFormatException e) {
      return "not measured";
    }
  }

  /** The links an approver acts on, or how to approve when the orchestrator has no link base configured. */
  static String approveLinks(NotificationRequest request) {
    String link = request.facts().get("link");
    String approve = request.facts().get("approveLink");
    if ((link == null || link.isBlank()) && (approve == null || approve.isBlank())) {
      return "Approve with ./drctl or the orchestrator's API (no link base is configured).";
    }
    StringBuilder out = new StringBuilder();
    if (approve != null && !approve.isBlank()) {
      out.append("Approve: ").append(approve);
    }
    if (link != null && !link.isBlank()) {
      out.append(out.isEmpty() ? "" : "\n").append("Incident: ").append(link);
    }
    return out.toString();
  }
}
