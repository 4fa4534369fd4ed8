package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.clock.ClockTicked;
import io.drautopilot.contracts.incident.IncidentConditionCleared;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.operator.AcknowledgementSubmitted;
import io.drautopilot.contracts.operator.ApprovalSubmitted;
import io.drautopilot.contracts.operator.BreachSubjectsViewSubmitted;
import io.drautopilot.contracts.operator.CancellationRequested;
import io.drautopilot.messaging.EventHeaders;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorSerdes.Routed;
import io.drautopilot.orchestrator.engine.Effect;
import io.drautopilot.orchestrator.engine.IncidentState;
import io.drautopilot.orchestrator.engine.Inputs;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every input of an incident (keyed by incident id) to its stored state through the engine
 * and forwards the resulting commands and timeline events. A tick is applied to the incidents of this
 * partition whose next timer has come (see {@link RunbookEngine#nextTimer}), and evicts closed ones
 * past their retention. All outputs of one input are built before the state is written and anything is
 * forwarded, and Kafka Streams commits state, outputs and the input offset in one transaction.
 */
class IncidentProcessor implements Processor<String, Object, String, Routed> {

  private static final Logger log = LoggerFactory.getLogger(IncidentProcessor.class);

  private final RunbookEngine engine;
  private final AvroMapping mapping;
  private final Duration closedRetention;
  private final TimelineChain chain;
  private ProcessorContext<String, Routed> context;
  private KeyValueStore<String, IncidentState> incidents;

  /** Incident id → hash of its last timeline record, committed with the state and the outputs. */
  private KeyValueStore<String, String> chainHeads;

  /** The incidents of this task by their next timer, derived from {@link #incidents} at start. */
  private DueTimers timers;

  /**
   * The open incidents of this task as last written to {@link #incidents}, so that a step does not decode
   * the stored state it wrote itself (decoding was about a third of a step's time). Derived like
   * {@link #timers}: filled at task start, dropped when a step fails.
   */
  private Map<String, IncidentState> open;

  private EarlyCommit earlyCommit;

  /**
   * @param closedRetention how long a closed incident stays queryable after its last event
   * @param chain seals every timeline record into its incident's hash chain
   */
  IncidentProcessor(
      RunbookEngine engine, AvroMapping mapping, Duration closedRetention, TimelineChain chain) {
    this.engine = engine;
    this.mapping = mapping;
    this.closedRetention = closedRetention;
    this.chain = chain;
  }

  @Override
  public void init(ProcessorContext<String, Routed> context) {
    this.context = context;
    this.incidents = context.getStateStore(OrchestratorTopology.INCIDENT_STORE);
    this.chainHeads = context.getStateStore(OrchestratorTopology.CHAIN_STORE);
    this.timers = new DueTimers();
    this.open = new HashMap<>();
    this.earlyCommit = EarlyCommit.of(context);
    try (KeyValueIterator<String, IncidentState> all = incidents.all()) {
      all.forEachRemaining(
          kv -> {
            timers.set(kv.key, timerOf(kv.value));
            if (kv.value.isOpen()) {
              open.put(kv.key, kv.value);
            }
          });
    }
    log.debug("{} incidents indexed by their next timer", timers.size());
  }

  /** When a tick next concerns the incident: the engine's next timer while open, its eviction once closed. */
  private Instant timerOf(IncidentState state) {
    if (state.isOpen()) {
      return engine.nextTimer(state).orElse(null);
    }
    return state.lastTime == null ? null : state.lastTime.plus(closedRetention);
  }

  @Override
  public void process(Record<String, Object> record) {
    Object value = record.value();
    if (value instanceof ClockTicked tick) {
      Inputs.Tick t = new Inputs.Tick(tick.getMetadata().getEventId(), tick.getTickedAt());
      // Only the incidents whose timer has come: a tick costs what is due, not a walk over the
      // store.
      for (String incidentId : timers.dueAt(t.at())) {
        IncidentState state = stateOf(incidentId);
        if (state == null) {
          timers.set(incidentId, null);
        } else if (state.isOpen()) {
          apply(record, state, s -> engine.onTick(s, t));
        } else if (state.lastTime != null
            && state.lastTime.plus(closedRetention).isBefore(t.at())) {
          // The log keeps every event of a closed incident (replay, report); the store need not.
          incidents.delete(incidentId);
          chainHeads.delete(incidentId);
          timers.set(incidentId, null);
          log.info(
              "closed incident {} evicted from the query store after {}",
              incidentId,
              closedRetention);
        }
      }
      return;
    }
    if (record.key() == null) {
      return;
    }
    IncidentState state = stateOf(record.key());
    if (value instanceof IncidentDetected d) {
      if (state == null) {
        apply(record, new IncidentState(), s -> engine.open(s, AvroMapping.detection(d)));
      } else if (state.isOpen()) {
        apply(record, state, s -> engine.join(s, AvroMapping.detection(d)));
      } else {
        log.info(
            "signal {} for closed incident {} ignored", d.getMetadata().getEventId(), record.key());
      }
    } else if (state == null) {
      log.debug(
          "{} for unknown incident {} ignored",
          value == null ? null : value.getClass().getSimpleName(),
          record.key());
    } else if (value instanceof ApprovalSubmitted a) {
      apply(record, state, s -> engine.onApproval(s, AvroMapping.approval(a)));
    } else if (value instanceof AcknowledgementSubmitted a) {
      apply(record, state, s -> engine.onAcknowledgement(s, AvroMapping.acknowledgement(a)));
    } else if (value instanceof IncidentConditionCleared c) {
      apply(record, state, s -> engine.onConditionCleared(s, AvroMapping.cleared(c)));
    } else if (value instanceof CancellationRequested c) {
      apply(record, state, s -> engine.onCancellation(s, AvroMapping.cancellation(c)));
    } else if (value instanceof BreachSubjectsViewSubmitted v) {
      if (!state.isOpen()) {
        // the closed incident's chain is sealed: the view stays on dr.operator.actions (kept
        // forever)
        log.info(
            "incident {} is closed: {}'s view of its subjects ({}) stays on {} only",
            record.key(),
            v.getViewedBy(),
            v.getMetadata().getEventId(),
            Topics.OPERATOR_ACTIONS);
      }
      apply(record, state, s -> engine.onSubjectsViewed(s, AvroMapping.subjectsViewed(v)));
    } else if (value instanceof IndexedRecord r && r.getSchema().getField("outcome") != null) {
      Inputs.StepResult result = AvroMapping.result(r);
      if (result != null) {
        apply(record, state, s -> engine.onResult(s, result));
      }
    }
  }

  private IncidentState stateOf(String incidentId) {
    IncidentState state = open.get(incidentId);
    return state != null ? state : incidents.get(incidentId);
  }

  private void apply(
      Record<String, Object> input,
      IncidentState state,
      Function<IncidentState, List<Effect>> step) {
    try {
      step(input, state, step);
    } catch (RuntimeException e) {
      // The engine changes the state in place: the next input reads the last state written to the
      // store.
      open.remove(state.incidentId);
      throw e;
    }
  }

  private void step(
      Record<String, Object> input,
      IncidentState state,
      Function<IncidentState, List<Effect>> step) {
    List<Effect> effects = new ArrayList<>(step.apply(state));
    List<Routed> out = new ArrayList<>();
    String chainHead = chainHeads.get(state.incidentId);
    String initialHead = chainHead;
    for (int i = 0; i < effects.size(); i++) {
      Effect e = effects.get(i);
      if (e instanceof Effect.Command c) {
        try {
          out.add(new Routed(mapping.topic(c), mapping.command(state, c)));
        } catch (IllegalArgumentException invalid) {
          // A rendered parameter the command cannot carry (e.g. an empty restore point): the step
          // fails without retry, and its failure policy decides, instead of the input being lost.
          Inputs.StepResult failure =
              new Inputs.StepResult(
                  RunbookEngine.eventId(c.ref().eventId(), "invalid"),
                  c.ref().stepId(),
                  c.ref().attempt(),
                  c.ref().at(),
                  false,
                  java.util.Map.of(),
                  "INVALID_PARAMETERS",
                  invalid.getMessage(),
                  false);
          effects.addAll(engine.onResult(state, failure));
        }
      } else if (e instanceof Effect.Timeline t) {
        SpecificRecord record = mapping.timeline(t);
        chainHead = chain.seal(record, chainHead);
        out.add(new Routed(Topics.INCIDENT_TIMELINE, record));
      }
    }
    incidents.put(state.incidentId, state);
    if (state.isOpen()) {
      open.put(state.incidentId, state);
    } else {
      open.remove(state.incidentId);
    }
    timers.set(state.incidentId, timerOf(state));
    if (chainHead != null && !chainHead.equals(initialHead)) {
      chainHeads.put(state.incidentId, chainHead);
    }
    for (Routed r : out) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(
          EventHeaders.EVENT_TYPE,
          r.value().getSchema().getFullName().getBytes(StandardCharsets.UTF_8));
      var m = EventPublisher.metadataOf(r.value());
      headers.add(EventHeaders.EVENT_ID, m.getEventId().getBytes(StandardCharsets.UTF_8));
      headers.add(
          EventHeaders.CORRELATION_ID, m.getCorrelationId().getBytes(StandardCharsets.UTF_8));
      context.forward(new Record<>(state.incidentId, r, input.timestamp(), headers));
    }
    if (!out.isEmpty()) {
      earlyCommit.outputsReady();
    }
  }
}
