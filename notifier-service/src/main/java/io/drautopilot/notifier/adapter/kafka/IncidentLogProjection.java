package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.notifier.domain.report.IncidentEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Each incident's events, collected from the timeline, the command topics, the results and the
 * deliveries, so a report can be rendered on request. It is a cache of the log, not a source of
 * truth: on every start (and every partition assignment) it reads its topics from the beginning,
 * and records already seen are recognised by event id.
 *
 * <p>A record it cannot map is skipped and logged, never dead-lettered: these topics belong to
 * other services and a reporting problem must not touch them.
 */
public class IncidentLogProjection implements ConsumerSeekAware {

  private static final Logger log = LoggerFactory.getLogger(IncidentLogProjection.class);

  private final Map<String, Incident> incidents = new ConcurrentHashMap<>();

  private static final class Incident {
    final List<IncidentEvent> events = new ArrayList<>();
    final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    final Set<String> startedCommands = ConcurrentHashMap.newKeySet();
  }

  @Override
  public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
    callback.seekToBeginning(assignments.keySet());
  }

  @KafkaListener(id = "incident-log-projection", groupId = "${spring.application.name}-incident-log",
      topics = "#{'${dr.notifier.report.log-topics:dr.incidents.timeline,dr.commands.restore,dr.commands.validation,"
          + "dr.commands.notifier,dr.commands.results,dr.notifications.deliveries}'.split(',')}")
  public void onRecord(ConsumerRecord<String, Object> record) {
    try {
      AvroIncidentEvents.map(record.value()).ifPresent(this::add);
    } catch (RuntimeException e) {
      log.warn("skipped {}-{}@{} in the incident log projection: {}", record.topic(), record.partition(),
          record.offset(), e.toString());
    }
  }

  /** Adds one event (ignored when its event id was seen before). */
  public void add(IncidentEvent event) {
    Incident incident = incidents.computeIfAbsent(event.meta().incidentId(), id -> new Incident());
    if (!incident.eventIds.add(event.meta().eventId())) {
      return;
    }
    synchronized (incident) {
      incident.events.add(event);
    }
    if (event instanceof IncidentEvent.StepStarted s && s.commandEventId() != null) {
      incident.startedCommands.add(s.commandEventId());
    }
  }

  /** The incident's events in the order they were read; empty if none. */
  public List<IncidentEvent> events(String incidentId) {
    Incident incident = incidents.get(incidentId);
    if (incident == null) {
      return List.of();
    }
    synchronized (incident) {
      return List.copyOf(incident.events);
    }
  }

  /**
   * Waits until the timeline entry that started this command has been read. The orchestrator writes
   * it with the command, after everything before it in the incident's timeline partition, so from
   * then on the projection holds the incident's history up to the request. False on timeout (a
   * command sent by hand has no such entry): the report is then rendered from what has been read.
   */
  public boolean awaitCommandStarted(String incidentId, String commandEventId, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Incident incident = incidents.get(incidentId);
      if (incident != null && incident.startedCommands.contains(commandEventId)) {
        return true;
      }
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      Thread.sleep(50);
    }
  }
}
