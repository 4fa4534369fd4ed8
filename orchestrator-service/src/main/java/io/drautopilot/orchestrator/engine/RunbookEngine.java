package io.drautopilot.orchestrator.engine;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EscalationCause;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.timeline.ApprovalGranted;
import io.drautopilot.contracts.timeline.ApprovalRejected;
import io.drautopilot.contracts.timeline.ApprovalRequested;
import io.drautopilot.contracts.timeline.BreachSubjectsViewed;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.contracts.timeline.IncidentAcknowledged;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.IncidentSeverityUpgraded;
import io.drautopilot.contracts.timeline.IncidentSignalJoined;
import io.drautopilot.contracts.timeline.StepFailed;
import io.drautopilot.contracts.timeline.StepSkipped;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.contracts.timeline.StepTimedOut;
import io.drautopilot.orchestrator.engine.IncidentState.Phase;
import io.drautopilot.orchestrator.engine.IncidentState.StepState;
import io.drautopilot.orchestrator.engine.IncidentState.StepStatus;
import io.drautopilot.orchestrator.engine.Inputs.Acknowledgement;
import io.drautopilot.orchestrator.engine.Inputs.Approval;
import io.drautopilot.orchestrator.engine.Inputs.Cancellation;
import io.drautopilot.orchestrator.engine.Inputs.Detection;
import io.drautopilot.orchestrator.engine.Inputs.StepResult;
import io.drautopilot.orchestrator.engine.Inputs.Tick;
import io.drautopilot.orchestrator.runbook.ActionCatalog;
import io.drautopilot.orchestrator.runbook.IncidentField;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import io.drautopilot.orchestrator.runbook.Runbook;
import io.drautopilot.orchestrator.runbook.RunbookRegistry;
import io.drautopilot.orchestrator.runbook.Step;
import io.drautopilot.orchestrator.runbook.Step.ApprovalGate;
import io.drautopilot.orchestrator.runbook.Step.FailurePolicy;
import io.drautopilot.orchestrator.runbook.Template;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * The generic step machine. Each input (detection, result, approval, acknowledgement, cancellation,
 * tick) is applied to an incident's state and answered with effects. It reads no clock and draws no
 * random numbers: time comes from the inputs and ids are name-based, so a replay of the same inputs
 * yields the same commands and timeline.
 */
public class RunbookEngine {

  public static final String PRODUCER = "orchestrator-service";

  private final RunbookRegistry runbooks;
  private final EngineSettings settings;
  private final ProtectedResources resources;

  /** Each incident's runbook (its per-table steps copied per affected table), by runbook id and tables. */
  private final Map<String, Runbook> expanded = new java.util.concurrent.ConcurrentHashMap<>();

  public RunbookEngine(RunbookRegistry runbooks, EngineSettings settings) {
    this(runbooks, settings, ProtectedResources.none());
  }

  public RunbookEngine(
      RunbookRegistry runbooks, EngineSettings settings, ProtectedResources resources) {
    this.runbooks = runbooks;
    this.settings = settings;
    this.resources = resources;
  }

  public ProtectedResources resources() {
    return resources;
  }

  /** Opens a new incident for a detection and starts its scenario's runbook. */
  public List<Effect> open(IncidentState s, Detection d) {
    s.incidentId = d.incidentId();
    s.correlationId = d.correlationId() == null ? d.incidentId() : d.correlationId();
    s.fingerprint = d.fingerprint();
    s.scenario = d.scenario();
    s.severity = d.severity();
    s.region = d.region();
    s.detectorId = d.detectorId();
    s.detectorEventId = d.eventId();
    s.affectedResources = new ArrayList<>(d.affectedResources());
    d.subjects().forEach(s.subjects::putIfAbsent);
    s.impactStartedAt = d.impactStartedAt();
    s.detectedAt = d.detectedAt();
    // Opened when the detection arrived: a detector may classify first and publish later (damping).
    s.openedAt = d.publishedAt();
    // The tables the per-table steps act on are fixed when the incident opens, so a replay expands
    // the runbook the same way; a detection that names none puts every protected table at risk.
    s.resources =
        new ArrayList<>(
            !s.affectedResources.isEmpty()
                ? s.affectedResources
                : resources.tables().stream().map(ProtectedResources.Table::table).toList());
    Optional<Runbook> runbook = runbook(s, runbooks.forScenario(d.scenario()));
    runbook.ifPresent(
        r -> {
          s.runbookId = r.id();
          s.runbookVersion = r.version();
          r.steps().forEach(step -> s.steps.put(step.id(), new StepState()));
        });
    Run run = new Run(s, d.publishedAt(), d.eventId());
    run.record(
        run.ref(null, 0, "opened", ""),
        m ->
            IncidentOpened.newBuilder()
                .setMetadata(m)
                .setFingerprint(s.fingerprint)
                .setScenario(Scenario.valueOf(s.scenario))
                .setSeverity(Severity.valueOf(s.severity))
                .setRegion(s.region)
                .setAffectedResources(new ArrayList<>(s.affectedResources))
                .setSymptoms(new ArrayList<>(d.symptoms()))
                .setImpactStartedAt(s.impactStartedAt)
                .setDetectedAt(s.detectedAt)
                .setDetectorEventId(s.detectorEventId)
                .build());
    if (runbook.isEmpty()) {
      // No runbook for this scenario: people must take it from here, so page them.
      run.escalate(1, EscalationCause.NO_RUNBOOK, "no runbook handles scenario " + d.scenario());
    } else if (!runbook.get().perTable().isEmpty()) {
      List<String> unknown =
          s.resources.stream().filter(t -> resources.forTable(t).isEmpty()).toList();
      if (!unknown.isEmpty()) {
        // Its per-table steps would act on nothing named: the function, variables and vault are
        // unknown.
        run.escalate(
            1,
            EscalationCause.RESOURCES_NOT_CATALOGUED,
            "not in the protected-resources catalogue ("
                + resources.file()
                + "): "
                + String.join(", ", unknown)
                + "; the runbook's per-table steps lack its functions and variables");
      }
    }
    run.escalateOnSchedule();
    run.advance();
    return run.effects;
  }

  /** Another detection of an open incident's problem: recorded, and a worse severity upgrades it. */
  public List<Effect> join(IncidentState s, Detection d) {
    Run run = new Run(s, d.publishedAt(), d.eventId());
    s.signals++;
    d.subjects().forEach(s.subjects::putIfAbsent);
    // a problem that reached more resources (a regional outage on the next table) widens the
    // incident
    d.affectedResources().stream()
        .filter(r -> !s.affectedResources.contains(r))
        .forEach(s.affectedResources::add);
    run.record(
        run.ref(null, 0, "joined", d.eventId()),
        m ->
            IncidentSignalJoined.newBuilder()
                .setMetadata(m)
                .setDetectorEventId(d.eventId())
                .setSeverity(Severity.valueOf(d.severity()))
                .setSymptoms(new ArrayList<>(d.symptoms()))
                .build());
    if (moreSevere(d.severity(), s.severity)) {
      run.upgrade(
          d.severity(),
          d.eventId(),
          "signal " + d.eventId() + " from " + d.detectorId() + " reports " + d.severity());
    }
    run.advance();
    return run.effects;
  }

  public List<Effect> onResult(IncidentState s, StepResult result) {
    Run run = new Run(s, result.occurredAt(), result.eventId());
    StepState st = s.steps.get(result.stepId());
    Optional<Step> step = runbook(s).flatMap(rb -> rb.step(result.stepId()));
    if (!s.isOpen()
        || st == null
        || step.isEmpty()
        || st.attempt != result.attempt()
        || (st.status != StepStatus.RUNNING && st.status != StepStatus.RETRY_WAIT)) {
      // A late answer to an attempt already given up on, or to an escalation page: nothing to
      // decide. Nor for a closed incident (cancelled while a handler was still working): its chain
      // is sealed at IncidentClosed, and the answer itself stays on the results topic.
      return run.effects;
    }
    StepResult r = judged(step.get(), result);
    // The step ended when its handler finished (the result's time), which may be before this record
    // when a later input was applied first; never before the step started, whatever the clocks say.
    Instant ended =
        r.occurredAt() == null || r.occurredAt().isBefore(st.startedAt)
            ? st.startedAt
            : r.occurredAt();
    if (r.succeeded()) {
      st.status = StepStatus.SUCCEEDED;
      st.finishedAt = ended;
      st.outputs = new LinkedHashMap<>(r.outputs());
      // Every step also exposes its result's event id and its timing, e.g. for a cut-over that must
      // cite the validation it relies on, or a backup check that measures the restore duration.
      st.outputs.put("eventId", r.eventId());
      st.outputs.put("startedAt", st.startedAt.toString());
      st.outputs.put("completedAt", ended.toString());
      run.record(
          run.ref(r.stepId(), st.attempt, "succeeded", ""),
          m ->
              StepSucceeded.newBuilder()
                  .setMetadata(m)
                  .setAction(step.get().action())
                  .setOutputs(new LinkedHashMap<>(st.outputs))
                  .setDurationMillis(Duration.between(st.startedAt, ended).toMillis())
                  .build());
      if (st.compensation) {
        run.nextCompensation();
      }
    } else {
      boolean retry = r.retryable() && st.attempt <= step.get().retries().max() && !st.compensation;
      run.stepFailed(
          run.ref(r.stepId(), st.attempt, "failed", ""),
          step.get(),
          r.code(),
          r.message(),
          r.retryable(),
          retry,
          step.get().onFailure().toString());
      if (retry) {
        run.waitForRetry(step.get(), st);
      } else {
        run.failTerminally(step.get(), st, r.code() + ": " + r.message());
        st.finishedAt = ended;
      }
    }
    run.advance();
    return run.effects;
  }

  public List<Effect> onApproval(IncidentState s, Approval a) {
    Run run = new Run(s, a.at(), a.eventId());
    StepState st = s.steps.get(a.stepId());
    Optional<Step> step = runbook(s).flatMap(rb -> rb.step(a.stepId()));
    if (st == null || step.isEmpty() || st.status != StepStatus.AWAITING_APPROVAL) {
      return run.effects;
    }
    ApprovalGate gate = step.get().approval();
    if (!a.roles().contains(gate.role()) || st.approvers.contains(a.approver())) {
      // Only the required role counts, and each person once: two approvals must be two people.
      return run.effects;
    }
    if (a.approve()) {
      st.approvers.add(a.approver());
      run.record(
          run.ref(a.stepId(), 0, "approved", a.approver()),
          m ->
              ApprovalGranted.newBuilder()
                  .setMetadata(m)
                  .setApprover(a.approver())
                  .setRole(gate.role())
                  .setApprovalsSoFar(st.approvers.size())
                  .setRequiredApprovers(gate.approvers())
                  .setComment(a.comment())
                  .build());
      if (st.approvers.size() >= gate.approvers()) {
        run.start(step.get(), st, 1);
      }
    } else {
      run.record(
          run.ref(a.stepId(), 0, "rejected", a.approver()),
          m ->
              ApprovalRejected.newBuilder()
                  .setMetadata(m)
                  .setApprover(a.approver())
                  .setRole(gate.role())
                  .setReason(a.comment() == null ? "rejected" : a.comment())
                  .build());
      run.gateOutcome(step.get(), st, gate.onReject(), "approval rejected by " + a.approver());
    }
    run.advance();
    return run.effects;
  }

  public List<Effect> onAcknowledgement(IncidentState s, Acknowledgement a) {
    Run run = new Run(s, a.at(), a.eventId());
    if (!s.acknowledged && s.isOpen()) {
      s.acknowledged = true;
      s.acknowledgedBy = a.acknowledgedBy();
      run.record(
          run.ref(null, 0, "acknowledged", ""),
          m ->
              IncidentAcknowledged.newBuilder()
                  .setMetadata(m)
                  .setAcknowledgedBy(a.acknowledgedBy())
                  .setNote(a.note())
                  .build());
      if (s.phase == Phase.FAILED) {
        // Someone has taken the failed recovery: the paging stops and the incident closes.
        run.finish(
            IncidentOutcome.FAILED,
            a.acknowledgedBy(),
            "recovery failed: " + s.failureReason + "; acknowledged by " + a.acknowledgedBy());
      }
    }
    return run.effects;
  }

  /**
   * The detector no longer sees the problem. Recorded on the incident (and its timeline as the API
   * shows it) for the people running it and the report's reading of the log; the runbook goes on:
   * a problem that clears by itself mid-recovery still gets its recovery verified, and closing is
   * a person's decision (cancel) or the runbook's.
   */
  public List<Effect> onConditionCleared(IncidentState s, Inputs.ConditionCleared c) {
    Run run = new Run(s, c.clearedAt(), c.eventId());
    if (s.isOpen()) {
      s.conditionClearedAt = c.clearedAt();
      s.conditionClearedBy = c.detectorId();
      s.timeline.add(
          new IncidentState.Note(
              "ConditionCleared",
              c.clearedAt(),
              null,
              0,
              c.eventId(),
              "detector " + c.detectorId() + " no longer sees the condition in " + c.region()));
    }
    return run.effects;
  }

  /**
   * Someone was shown the breach subjects: recorded on the timeline, so the chain says who looked
   * and when. A closed incident's chain is sealed (nothing may follow IncidentClosed): its view
   * stays on the operator log only, and the state is left as it was.
   */
  public List<Effect> onSubjectsViewed(IncidentState s, Inputs.SubjectsViewed v) {
    if (!s.isOpen()) {
      return List.of();
    }
    Run run = new Run(s, v.at(), v.eventId());
    run.record(
        run.ref(null, 0, "subjects-viewed", v.eventId()),
        m ->
            BreachSubjectsViewed.newBuilder()
                .setMetadata(m)
                .setViewedBy(v.viewedBy())
                .setSubjectNames(new ArrayList<>(v.subjectNames()))
                .setReadPath(v.readPath())
                .build());
    return run.effects;
  }

  public List<Effect> onCancellation(IncidentState s, Cancellation c) {
    Run run = new Run(s, c.at(), c.eventId());
    if (!s.isOpen()) {
      return run.effects;
    }
    String reason = "cancelled by " + c.requestedBy() + ": " + c.reason();
    run.skipRemaining(reason);
    run.finish(IncidentOutcome.CANCELLED, c.requestedBy(), reason);
    return run.effects;
  }

  /** Time passed: step timeouts, retry backoff, approval deadlines and the escalation matrix. */
  public List<Effect> onTick(IncidentState s, Tick t) {
    Run run = new Run(s, t.at(), t.eventId());
    if (!s.isOpen()) {
      return run.effects;
    }
    runbook(s)
        .ifPresent(
            rb -> {
              for (Map.Entry<String, StepState> e : new ArrayList<>(s.steps.entrySet())) {
                StepState st = e.getValue();
                Step step = rb.step(e.getKey()).orElseThrow();
                if (st.deadline == null || run.now.isBefore(st.deadline)) {
                  continue;
                }
                switch (st.status) {
                  case RUNNING -> {
                    boolean retry = st.attempt <= step.retries().max() && !st.compensation;
                    run.record(
                        run.ref(step.id(), st.attempt, "timedout", ""),
                        m ->
                            StepTimedOut.newBuilder()
                                .setMetadata(m)
                                .setAction(step.action())
                                .setTimeoutMillis(step.timeout().toMillis())
                                .setWillRetry(retry)
                                .build());
                    if (retry) {
                      run.waitForRetry(step, st);
                    } else {
                      run.stepFailed(
                          run.ref(step.id(), st.attempt, "failed", ""),
                          step,
                          "TIMED_OUT",
                          "no result within " + step.timeout(),
                          true,
                          false,
                          step.onFailure().toString());
                      run.failTerminally(step, st, "timed out after " + st.attempt + " attempt(s)");
                    }
                  }
                  case RETRY_WAIT -> run.start(step, st, st.attempt + 1);
                  case AWAITING_APPROVAL ->
                      run.gateOutcome(
                          step,
                          st,
                          step.approval().onTimeout(),
                          "approval timed out after " + step.approval().timeout());
                  default -> {}
                }
              }
            });
    run.escalateOnSchedule();
    run.advance();
    return run.effects;
  }

  /**
   * The earliest time at which a tick can change this incident: a step's timeout, retry or approval
   * deadline, the matrix's next escalation level, a failed recovery's next page, the RTO-at-risk
   * warning; or empty when only another input can (closed, or nothing waits on time). A tick before
   * it would only move the incident's last time, so the processor gives ticks to incidents that are
   * due and to no other. It may be early, never late: a tick at an early time acts on nothing and
   * the incident is asked again. Reads the state only.
   */
  public Optional<Instant> nextTimer(IncidentState s) {
    if (!s.isOpen()) {
      return Optional.empty();
    }
    if (s.lastTime == null) {
      return Optional.of(Instant.EPOCH);
    }
    // A Run at the incident's own last time changes nothing in it.
    return Optional.ofNullable(new Run(s, s.lastTime, "timer").nextTimer());
  }

  /** The failure code of a step whose command answered its question with no. */
  public static final String NEGATIVE_VERDICT = "NEGATIVE_VERDICT";

  /**
   * A success record that answers no (validation not passed, tables not matching, service not
   * healthy...) is the handler's success but the step's failure: it becomes a failure whose message
   * carries the answer and the figures behind it, so the failure policy applies and the log says why.
   */
  static StepResult judged(Step step, StepResult r) {
    ActionCatalog.Verdict verdict = step.verdict();
    if (!r.succeeded() || verdict == null || !"false".equals(r.outputs().get(verdict.field()))) {
      return r;
    }
    StringBuilder why =
        new StringBuilder(step.action())
            .append(" answered ")
            .append(verdict.field())
            .append("=false");
    List<String> figures = new ArrayList<>();
    r.outputs()
        .forEach(
            (k, v) -> {
              if (!k.equals(verdict.field()) && v != null && !v.isEmpty() && figures.size() < 12) {
                figures.add(k + "=" + (v.length() > 80 ? v.substring(0, 80) + "..." : v));
              }
            });
    if (!figures.isEmpty()) {
      why.append(" (").append(String.join(", ", figures)).append(')');
    }
    return new StepResult(
        r.eventId(),
        r.stepId(),
        r.attempt(),
        r.occurredAt(),
        false,
        r.outputs(),
        NEGATIVE_VERDICT,
        why.toString(),
        verdict.retryable());
  }

  private Optional<Runbook> runbook(IncidentState s) {
    return s.runbookId == null ? Optional.empty() : runbook(s, runbooks.byId(s.runbookId));
  }

  /** The runbook as this incident runs it: its per-table steps copied for each of the incident's tables. */
  private Optional<Runbook> runbook(IncidentState s, Optional<Runbook> file) {
    if (file.isEmpty() || file.get().perTable().isEmpty()) {
      return file;
    }
    // State written before incidents recorded their tables: the first affected resource, as then.
    List<String> tables =
        s.resources != null
            ? s.resources
            : s.affectedResources.isEmpty() ? List.of() : List.of(s.affectedResources.get(0));
    Runbook rb = file.get();
    return Optional.of(
        expanded.computeIfAbsent(
            rb.id() + "@" + rb.version() + "|" + String.join(",", tables),
            k ->
                rb.forTables(
                    tables.stream()
                        .map(
                            t ->
                                resources
                                    .forTable(t)
                                    .orElseGet(() -> ProtectedResources.Table.unknown(t)))
                        .toList())));
  }

  /** The runbook an incident on these tables runs (for the API's views of its steps). */
  public Optional<Runbook> runbookOf(IncidentState s) {
    return runbook(s);
  }

  /**
   * Whether severity {@code a} is worse than {@code b}, by the contract's {@link Severity} (P1, the
   * worst, first); an unset severity is better than any.
   */
  static boolean moreSevere(String a, String b) {
    return a != null && (b == null || Severity.valueOf(a).compareTo(Severity.valueOf(b)) < 0);
  }

  /** Whether {@code severity} is {@code floor} or worse; an unset severity is not. */
  static boolean atLeast(String severity, Severity floor) {
    return severity != null && Severity.valueOf(severity).compareTo(floor) <= 0;
  }

  /** How a failed step is worded in the incident's failure reason (and the pages that quote it). */
  static String stepFailure(String stepId, String failure) {
    return "step " + stepId + " failed: " + failure;
  }

  /** Name-based (type 3) UUID: the same incident, step, attempt and kind always give the same id. */
  public static String eventId(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("/", parts).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Template values for the incident, earlier outputs and variables (outside any step's parameters). */
  public static String valueOf(IncidentState s, Runbook rb, Template.Ref ref) {
    return valueOf(s, rb, null, ref);
  }

  /**
   * Template values for the incident, earlier outputs, variables and, in {@code step}'s parameters,
   * the people who approved {@code step} at its gate (comma-separated when inside other text).
   */
  public static String valueOf(IncidentState s, Runbook rb, Step step, Template.Ref ref) {
    return switch (ref.root()) {
      case "vars" -> rb.vars().get(ref.name());
      case "subjects" -> s.subjects.get(ref.name());
      case "resource" ->
          step == null || step.resource() == null ? null : step.resource().get(ref.name());
      case "approval" -> step == null ? null : String.join(",", approvers(s, step));
      case "steps" -> {
        StepState st =
            s.steps.get(step == null ? ref.step() : step.sees(ref.step(), rb.perTable()));
        yield st == null ? null : st.outputs.get(ref.name());
      }
      default -> IncidentField.named(ref.name()).map(f -> incidentField(s, f, ref)).orElse(null);
    };
  }

  private static String incidentField(IncidentState s, IncidentField field, Template.Ref ref) {
    return switch (field) {
      case INCIDENT_ID -> s.incidentId;
      case FINGERPRINT -> s.fingerprint;
      case SCENARIO -> s.scenario;
      case SEVERITY -> s.severity;
      case REGION -> s.region;
      case DETECTOR_ID -> s.detectorId;
      case RUNBOOK_ID -> s.runbookId;
      case IMPACT_STARTED_AT -> s.impactStartedAt == null ? null : s.impactStartedAt.toString();
      case DETECTED_AT -> s.detectedAt == null ? null : s.detectedAt.toString();
      case AFFECTED_RESOURCES ->
          ref.index() == null
              ? String.join(",", s.affectedResources)
              : ref.index() < s.affectedResources.size()
                  ? s.affectedResources.get(ref.index())
                  : null;
    };
  }

  /**
   * The distinct people who approved the step at its gate, in the order their approvals were
   * consumed (so a replay of the same inputs yields the same list); empty before the gate opens.
   */
  static List<String> approvers(IncidentState s, Step step) {
    StepState st = s.steps.get(step.id());
    return st == null ? List.of() : new ArrayList<>(st.approvers);
  }

  /**
   * Renders a step's parameters: each value keeps its shape (string, list, map). A value that is
   * exactly {@code ${approval.approvers}} becomes the list of approvers (as a list element, its
   * approvers take its place in the list).
   */
  public static Map<String, Object> render(IncidentState s, Runbook rb, Step step) {
    java.util.function.Function<Template.Ref, String> resolver = ref -> valueOf(s, rb, step, ref);
    Map<String, Object> out = new LinkedHashMap<>();
    step.parameters()
        .forEach(
            (name, value) -> {
              if (value instanceof Template t) {
                out.put(name, t.isApproversList() ? approvers(s, step) : t.render(resolver));
              } else if (value instanceof List<?> list) {
                List<String> items = new ArrayList<>();
                for (Object v : list) {
                  Template t = (Template) v;
                  if (t.isApproversList()) {
                    items.addAll(approvers(s, step));
                  } else {
                    items.add(t.render(resolver));
                  }
                }
                out.put(name, items);
              } else if (value instanceof Map<?, ?> map) {
                Map<String, String> m = new LinkedHashMap<>();
                map.forEach((k, v) -> m.put(String.valueOf(k), ((Template) v).render(resolver)));
                out.put(name, m);
              }
            });
    return out;
  }

  /** One input being applied: its time, its event id (the cause of everything emitted) and the effects. */
  private final class Run {
    final IncidentState s;
    final Instant now;
    final String cause;
    final List<Effect> effects = new ArrayList<>();

    /**
     * Records take the input's time, or the incident's last time when the input is stamped earlier
     * (another host's clock, a result overtaken by a tick): an incident's timeline never goes back in
     * time and no record is earlier than its cause. Both come from recorded inputs, so a replay agrees.
     */
    Run(IncidentState s, Instant at, String cause) {
      this.s = s;
      this.now = s.lastTime != null && at.isBefore(s.lastTime) ? s.lastTime : at;
      this.cause = cause;
      s.lastTime = now;
    }

    Effect.Ref ref(String stepId, int attempt, String kind, String discriminator) {
      return new Effect.Ref(
          eventId(
              s.incidentId, String.valueOf(stepId), String.valueOf(attempt), kind, discriminator),
          stepId,
          attempt,
          now,
          cause);
    }

    void emit(Effect e) {
      effects.add(e);
      if (e instanceof Effect.Timeline t) {
        s.timeline.add(
            new IncidentState.Note(
                t.type(),
                now,
                e.ref().stepId(),
                e.ref().attempt(),
                e.ref().eventId(),
                EngineRecords.noteDetail(t.fact())));
      }
    }

    /** A timeline fact: the contract record {@code fact} builds with the metadata of {@code ref}. */
    void record(Effect.Ref ref, Function<EventMetadata, SpecificRecord> fact) {
      emit(new Effect.Timeline(ref, fact.apply(EngineRecords.metadata(s, ref))));
    }

    void stepFailed(
        Effect.Ref ref,
        Step step,
        String code,
        String message,
        boolean retryable,
        boolean willRetry,
        String onFailure) {
      record(
          ref,
          m ->
              StepFailed.newBuilder()
                  .setMetadata(m)
                  .setAction(step.action())
                  .setFailure(
                      CommandFailure.newBuilder()
                          .setCode(code)
                          .setMessage(message == null ? "" : message)
                          .setRetryable(retryable)
                          .build())
                  .setWillRetry(willRetry)
                  .setOnFailure(onFailure)
                  .build());
    }

    /** The incident is now {@code to}; {@code discriminator} tells this upgrade's id from others. */
    void upgrade(String to, String discriminator, String reason) {
      String from = s.severity;
      s.severity = to;
      record(
          ref(null, 0, "upgraded", discriminator),
          m ->
              IncidentSeverityUpgraded.newBuilder()
                  .setMetadata(m)
                  .setFromSeverity(Severity.valueOf(from))
                  .setToSeverity(Severity.valueOf(to))
                  .setReason(reason)
                  .build());
    }

    Runbook rb() {
      return runbook(s).orElseThrow();
    }

    /** Starts every step whose dependencies are done, skipping those whose condition is false; then checks the end. */
    void advance() {
      if (s.phase == Phase.CLOSED || s.runbookId == null) {
        return;
      }
      Runbook rb = rb();
      // Recovered first, so the report that follows sees the incident resolved with its RTO and
      // RPO.
      resolveIfRecovered(rb);
      boolean changed = true;
      while (changed && s.phase == Phase.RUNNING) {
        changed = false;
        for (Step step : rb.steps()) {
          StepState st = s.steps.get(step.id());
          if (st.status != StepStatus.PENDING || !dependenciesDone(rb, step)) {
            continue;
          }
          changed = true;
          if (step.condition() != null
              && !step.condition().test(ref -> valueOf(s, rb, step, ref))) {
            skip(step, st, "condition not met: " + step.condition().source());
          } else if (step.approval() != null) {
            ApprovalGate gate = step.approval();
            st.status = StepStatus.AWAITING_APPROVAL;
            st.deadline = now.plus(gate.timeout());
            st.parameters = flat(render(s, rb, step));
            record(
                ref(step.id(), 0, "approval", ""),
                m ->
                    ApprovalRequested.newBuilder()
                        .setMetadata(m)
                        .setAction(step.action())
                        .setRequiredRole(gate.role())
                        .setRequiredApprovers(gate.approvers())
                        .setDeadline(st.deadline)
                        .setOnTimeout(gate.onTimeout().name().toLowerCase())
                        .build());
            // The approvers must know they are waited for, or the gate only runs out its timeout.
            Map<String, String> facts =
                new LinkedHashMap<>(
                    Map.of(
                        "stepId",
                        step.id(),
                        "action",
                        step.action(),
                        "requiredRole",
                        gate.role(),
                        "requiredApprovers",
                        String.valueOf(gate.approvers()),
                        "deadline",
                        st.deadline.toString()));
            if (settings.incidentLinkBase() != null) {
              facts.put("link", settings.incidentLinkBase() + "/api/incidents/" + s.incidentId);
              facts.put(
                  "approveLink",
                  settings.incidentLinkBase()
                      + "/api/incidents/"
                      + s.incidentId
                      + "/steps/"
                      + step.id()
                      + "/approve");
            }
            // Paged to the people who hold the gate's role, not only the level's contacts.
            noticeTo("notice-approval-" + step.id(), "approval-requested", facts, gate.role());
          } else {
            start(step, st, 1);
          }
        }
      }
      resolveIfRecovered(rb);
      if (s.phase == Phase.RUNNING
          && rb.steps().stream().allMatch(step -> finished(step, s.steps.get(step.id())))) {
        boolean anyFailed =
            rb.steps().stream()
                .anyMatch(step -> s.steps.get(step.id()).status == StepStatus.FAILED);
        finish(
            anyFailed ? IncidentOutcome.RECOVERED_WITH_FAILURES : IncidentOutcome.RECOVERED,
            PRODUCER,
            "runbook " + rb.id() + " completed");
      }
      checkRtoAtRisk(rb);
    }

    /**
     * Pages once when the recovery cannot finish within the severity's RTO: the time since impact
     * plus the expected time of what is left before the resolving step (the longest remaining chain
     * of steps, each by its declared {@code expected}) passes the target.
     */
    private void checkRtoAtRisk(Runbook rb) {
      if (s.rtoAtRiskRaised
          || s.resolved
          || !s.isOpen()
          || s.phase == Phase.FAILED
          || s.impactStartedAt == null
          || rb.resolvedWhen() == null
          || !paging(rb)) {
        return;
      }
      Duration remaining = remaining(rb, rb.resolvedWhen(), new java.util.HashMap<>());
      Duration rto = settings.target(s.severity).rto();
      Instant expectedEnd = now.plus(remaining);
      if (expectedEnd.isAfter(s.impactStartedAt.plus(rto))) {
        s.rtoAtRiskRaised = true;
        // A warning to the next level up; the matrix keeps its own clock for acknowledgement.
        page(
            Math.min(s.escalationLevel + 1, maxLevel()),
            false,
            EscalationCause.RTO_AT_RISK,
            null,
            null,
            "RTO at risk: "
                + minutes(Duration.between(s.impactStartedAt, now))
                + " min since impact + about "
                + minutes(remaining)
                + " min of remaining steps passes the "
                + s.severity
                + " target of "
                + minutes(rto)
                + " min");
      }
    }

    private Duration remaining(Runbook rb, String stepId, Map<String, Duration> memo) {
      Duration known = memo.get(stepId);
      if (known != null) {
        return known;
      }
      StepState st = s.steps.get(stepId);
      Step step = rb.step(stepId).orElseThrow();
      Duration own = Duration.ZERO;
      if ((st.status == StepStatus.PENDING && step.condition() == null)
          || st.status == StepStatus.AWAITING_APPROVAL) {
        // a conditional step not started yet may be skipped (one restore of three runs): counted
        // once it runs
        own = step.expected();
      } else if (st.status == StepStatus.RUNNING || st.status == StepStatus.RETRY_WAIT) {
        Duration left = step.expected().minus(Duration.between(st.startedAt, now));
        own = left.isNegative() ? Duration.ZERO : left;
      }
      Duration before = Duration.ZERO;
      if (own.isZero()
          && (st.status == StepStatus.SUCCEEDED
              || st.status == StepStatus.SKIPPED
              || st.status == StepStatus.FAILED)) {
        memo.put(stepId, Duration.ZERO);
        return Duration.ZERO;
      }
      for (String dep : step.dependsOn()) {
        Duration d = remaining(rb, dep, memo);
        if (d.compareTo(before) > 0) {
          before = d;
        }
      }
      memo.put(stepId, own.plus(before));
      return own.plus(before);
    }

    private void resolveIfRecovered(Runbook rb) {
      StepState resolving = rb.resolvedWhen() == null ? null : s.steps.get(rb.resolvedWhen());
      if (!s.resolved && resolving != null && resolving.status == StepStatus.SUCCEEDED) {
        // The service was back when the verifying step finished, not when its result was applied.
        resolve(IncidentOutcome.RECOVERED, resolving.finishedAt);
      }
    }

    private boolean finished(Step step, StepState st) {
      return st.status == StepStatus.SUCCEEDED
          || st.status == StepStatus.SKIPPED
          || st.status == StepStatus.FAILED;
    }

    private boolean dependenciesDone(Runbook rb, Step step) {
      for (String dep : step.dependsOn()) {
        StepState d = s.steps.get(dep);
        boolean ok =
            d.status == StepStatus.SUCCEEDED
                || d.status == StepStatus.SKIPPED
                || (d.status == StepStatus.FAILED
                    && rb.step(dep).orElseThrow().onFailure().kind()
                        == FailurePolicy.Kind.CONTINUE);
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    void start(Step step, StepState st, int attempt) {
      Map<String, Object> parameters = render(s, rb(), step);
      st.status = StepStatus.RUNNING;
      st.attempt = attempt;
      if (attempt == 1) {
        st.startedAt = now;
      }
      st.deadline = now.plus(step.timeout());
      st.parameters = flat(parameters);
      Effect.Command command =
          new Effect.Command(ref(step.id(), attempt, "command", ""), step.action(), parameters);
      // the command's topic is the routes' to know: the adapter adds it
      record(
          ref(step.id(), attempt, "started", ""),
          m ->
              StepStarted.newBuilder()
                  .setMetadata(m)
                  .setAction(step.action())
                  .setCommandEventId(command.ref().eventId())
                  .setParameters(new LinkedHashMap<>(st.parameters))
                  .build());
      emit(command);
    }

    void skip(Step step, StepState st, String reason) {
      st.status = StepStatus.SKIPPED;
      st.deadline = null;
      st.finishedAt = now;
      record(
          ref(step.id(), st.attempt, "skipped", ""),
          m ->
              StepSkipped.newBuilder()
                  .setMetadata(m)
                  .setAction(step.action())
                  .setReason(reason)
                  .build());
    }

    void waitForRetry(Step step, StepState st) {
      st.status = StepStatus.RETRY_WAIT;
      st.deadline = now.plus(step.retries().delayBefore(st.attempt + 1));
    }

    void gateOutcome(Step step, StepState st, ApprovalGate.Outcome outcome, String reason) {
      switch (outcome) {
        case SKIP -> skip(step, st, reason);
        case ESCALATE -> {
          // Keep waiting for the approval, but someone more senior now knows it is stuck.
          st.deadline = now.plus(step.approval().timeout());
          escalate(
              Math.min(s.escalationLevel + 1, maxLevel()),
              EscalationCause.APPROVAL_OVERDUE,
              "step " + step.id() + ": " + reason);
        }
        case ABORT -> {
          stepFailed(
              ref(step.id(), 0, "failed", ""),
              step,
              "APPROVAL_NOT_GRANTED",
              reason,
              false,
              false,
              "abort");
          st.status = StepStatus.FAILED;
          st.failure = reason;
          s.failureReason = stepFailure(step.id(), reason);
          abort(step, null);
        }
      }
    }

    void failTerminally(Step step, StepState st, String reason) {
      st.status = StepStatus.FAILED;
      st.deadline = null;
      st.finishedAt = now;
      st.failure = reason;
      if (step.onFailure().kind() != FailurePolicy.Kind.ESCALATE || st.compensation) {
        // An escalated failure pages with its reason anyway; any other is told as it happens.
        notice(
            "notice-failed-" + step.id() + "-" + st.attempt,
            "step-failed",
            Map.of(
                "stepId",
                step.id(),
                "action",
                step.action(),
                "failure",
                reason,
                "onFailure",
                st.compensation ? "compensation" : step.onFailure().toString()));
      }
      if (st.compensation) {
        // A failed undo is reported; the remaining compensations still run.
        nextCompensation();
        return;
      }
      if (step.onFailure().kind() == FailurePolicy.Kind.ABORT
          || step.onFailure().kind() == FailurePolicy.Kind.COMPENSATE) {
        s.failureReason = stepFailure(step.id(), reason);
      }
      switch (step.onFailure().kind()) {
        case CONTINUE -> {}
        case ESCALATE -> {
          s.phase = Phase.BLOCKED;
          page(
              Math.min(s.escalationLevel + 1, maxLevel()),
              true,
              EscalationCause.STEP_FAILED,
              step.id(),
              reason,
              stepFailure(step.id(), reason));
        }
        case ABORT -> abort(step, null);
        case COMPENSATE -> abort(step, step.onFailure().compensationStep());
      }
    }

    /**
     * Stops the run after {@code failed}: pending steps are skipped, then either the named compensation
     * runs or, saga-style, the compensations of every succeeded step run in reverse order.
     */
    void abort(Step failed, String compensationStep) {
      Runbook rb = rb();
      skipRemaining("run aborted: step " + failed.id() + " failed");
      List<String> queue = new ArrayList<>();
      if (compensationStep != null) {
        queue.add(compensationStep);
      } else {
        List<Step> succeeded =
            new ArrayList<>(
                rb.steps().stream()
                    .filter(
                        st ->
                            s.steps.get(st.id()).status == StepStatus.SUCCEEDED
                                && st.compensation() != null)
                    .toList());
        succeeded.sort(
            (a, b) -> s.steps.get(b.id()).finishedAt.compareTo(s.steps.get(a.id()).finishedAt));
        succeeded.forEach(st -> queue.add(st.compensation()));
      }
      s.compensationQueue = new ArrayList<>(queue.stream().distinct().toList());
      s.phase = Phase.COMPENSATING;
      nextCompensation();
    }

    void nextCompensation() {
      if (s.compensationQueue.isEmpty()) {
        failed();
        return;
      }
      String id = s.compensationQueue.remove(0);
      StepState st = new StepState();
      st.compensation = true;
      s.steps.put(id, st);
      start(rb().step(id).orElseThrow(), st, 1);
    }

    void skipRemaining(String reason) {
      runbook(s)
          .ifPresent(
              rb ->
                  rb.steps()
                      .forEach(
                          step -> {
                            StepState st = s.steps.get(step.id());
                            if (st.status == StepStatus.PENDING
                                || st.status == StepStatus.AWAITING_APPROVAL
                                || st.status == StepStatus.RETRY_WAIT) {
                              skip(step, st, reason);
                            }
                          }));
    }

    void resolve(IncidentOutcome outcome, Instant at) {
      s.resolved = true;
      s.outcome = outcome.name();
      s.resolvedAt = at;
      s.measuredRtoSeconds =
          s.impactStartedAt == null ? null : Duration.between(s.impactStartedAt, at).toSeconds();
      s.measuredRpoSeconds = rpoSeconds();
      long target = settings.target(s.severity).rto().toSeconds();
      record(
          ref(null, 0, "resolved", ""),
          m ->
              IncidentResolved.newBuilder()
                  .setMetadata(m)
                  .setOutcome(outcome.name())
                  .setResolvedAt(at)
                  .setMeasuredRtoSeconds(s.measuredRtoSeconds)
                  .setMeasuredRpoSeconds(s.measuredRpoSeconds)
                  .setRtoTargetSeconds(target)
                  .build());
      if (outcome != IncidentOutcome.FAILED) {
        // The seed's stakeholder communication; a failure pages instead (see failed()).
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("outcome", outcome.name());
        facts.put("measuredRtoSeconds", String.valueOf(s.measuredRtoSeconds));
        facts.put("measuredRpoSeconds", String.valueOf(s.measuredRpoSeconds));
        facts.put("rtoTargetSeconds", String.valueOf(target));
        if (s.measuredRtoSeconds != null) {
          facts.put("rtoTargetMet", String.valueOf(s.measuredRtoSeconds <= target));
        }
        notice("notice-resolved", "incident-resolved", facts);
      }
    }

    /**
     * The recovery failed and its compensations have run: resolved as FAILED, paged at the next
     * level with the reason (whatever the runbook's own paging), the report requested, and the
     * incident held open, paged again every {@code repageEvery}, until someone acknowledges it.
     */
    void failed() {
      String reason =
          s.failureReason == null ? "runbook " + s.runbookId + " aborted" : s.failureReason;
      s.failureReason = reason;
      String failureSeverity = runbook(s).map(Runbook::failureSeverity).orElse(null);
      if (moreSevere(failureSeverity, s.severity)) {
        // A failed maintenance run is an incident of its own (the seed's backup failures are P2).
        upgrade(failureSeverity, "failure", "runbook " + s.runbookId + " failed: " + reason);
      }
      if (!s.resolved) {
        resolve(IncidentOutcome.FAILED, now);
      }
      s.phase = Phase.FAILED;
      escalateFailure("recovery failed: " + reason);
      requestReport();
      if (s.acknowledged) {
        finish(IncidentOutcome.FAILED, PRODUCER, "recovery failed: " + reason);
      }
    }

    /** Every closed incident gets its report, whatever its outcome, even when its runbook's report step never ran. */
    void requestReport() {
      if (s.reportRequested) {
        return;
      }
      s.reportRequested = true;
      boolean reported =
          runbook(s)
              .map(
                  rb ->
                      rb.steps().stream()
                          .anyMatch(
                              step ->
                                  step.action().equals(settings.reportAction())
                                      && s.steps.get(step.id()).status == StepStatus.SUCCEEDED))
              .orElse(false);
      if (!reported) {
        emit(
            new Effect.Command(
                ref("closing-report", 1, "command", ""), settings.reportAction(), Map.of()));
      }
    }

    /** A notification (not an escalation) to the current level's contacts, with one of the notifier's templates. */
    void notice(String id, String templateId, Map<String, String> given) {
      noticeTo(id, templateId, given, null);
    }

    /** @param recipientRole also the people holding this role (a gate's approvers), or null */
    void noticeTo(String id, String templateId, Map<String, String> given, String recipientRole) {
      s.notifications++;
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("severity", s.severity);
      parameters.put("scenario", s.scenario);
      parameters.put("templateId", templateId);
      parameters.put("escalationLevel", String.valueOf(Math.max(1, s.escalationLevel)));
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("incidentId", s.incidentId);
      new java.util.TreeMap<>(given).forEach(facts::put);
      parameters.put("facts", facts);
      if (recipientRole != null) {
        parameters.put("recipientRole", recipientRole);
      }
      emit(new Effect.Command(ref(id, 1, "command", ""), settings.escalationAction(), parameters));
    }

    private Long rpoSeconds() {
      Optional<Runbook> rb = runbook(s);
      if (rb.isEmpty() || rb.get().rpoFrom() == null || s.impactStartedAt == null) {
        return null;
      }
      // Several tables restored: the incident lost as much as the table whose restore point is
      // oldest.
      Long worst = null;
      java.util.Set<String> perTable = rb.get().perTable();
      for (String copy : rb.get().copies().isEmpty() ? List.of("") : rb.get().copies()) {
        String value =
            rb.get()
                .rpoFrom()
                .render(
                    ref -> {
                      if (ref.root().equals("steps") && perTable.contains(ref.step())) {
                        StepState st = s.steps.get(ref.step() + copy);
                        return st == null ? null : st.outputs.get(ref.name());
                      }
                      return valueOf(s, rb.get(), ref);
                    });
        try {
          long rpo =
              Math.max(0, Duration.between(Instant.parse(value), s.impactStartedAt).toSeconds());
          worst = worst == null ? rpo : Math.max(worst, rpo);
        } catch (RuntimeException notATime) {
          // that table's restore point is not known (its restore did not run)
        }
      }
      return worst;
    }

    void finish(IncidentOutcome outcome, String closedBy, String reason) {
      if (!s.resolved) {
        resolve(outcome, now);
      }
      s.phase = Phase.CLOSED;
      record(
          ref(null, 0, "closed", ""),
          m ->
              IncidentClosed.newBuilder()
                  .setMetadata(m)
                  .setClosedBy(closedBy)
                  .setReason(reason)
                  .setFingerprint(s.fingerprint)
                  .build());
      requestReport();
    }

    int maxLevel() {
      return settings.escalation().stream()
          .mapToInt(EngineSettings.EscalationLevel::level)
          .max()
          .orElse(1);
    }

    /** See {@link RunbookEngine#nextTimer}: mirrors what {@code onTick} acts on, never later than it. */
    Instant nextTimer() {
      Instant next = null;
      Optional<Runbook> rb = runbook(s);
      if (rb.isPresent()) {
        for (StepState st : s.steps.values()) {
          if (st.deadline != null
              && (st.status == StepStatus.RUNNING
                  || st.status == StepStatus.RETRY_WAIT
                  || st.status == StepStatus.AWAITING_APPROVAL)) {
            next = earliest(next, st.deadline);
          }
        }
      }
      if (!s.acknowledged) {
        if (s.phase == Phase.FAILED) {
          next =
              earliest(
                  next,
                  s.lastEscalatedAt == null ? now : s.lastEscalatedAt.plus(settings.repageEvery()));
        } else if (rb.map(this::paging).orElse(true) && s.openedAt != null) {
          for (EngineSettings.EscalationLevel level : settings.escalation()) {
            if (level.level() > s.escalationLevel) {
              next =
                  earliest(
                      next,
                      settings.dueAt(s.openedAt, settings.dueAfter(level, s.severity), s.severity));
            }
          }
        }
      }
      if (rb.isPresent()
          && s.runbookId != null
          && !s.rtoAtRiskRaised
          && !s.resolved
          && s.phase != Phase.FAILED
          && s.impactStartedAt != null
          && rb.get().resolvedWhen() != null
          && paging(rb.get())) {
        // checkRtoAtRisk pages once now + remaining passes impact + RTO; remaining only shrinks as
        // running steps use up their expected time, so this bound is early or exact, never late.
        Duration remaining =
            remaining(rb.get(), rb.get().resolvedWhen(), new java.util.HashMap<>());
        next =
            earliest(
                next, s.impactStartedAt.plus(settings.target(s.severity).rto()).minus(remaining));
      }
      return next;
    }

    private static Instant earliest(Instant a, Instant b) {
      return a == null || b.isBefore(a) ? b : a;
    }

    void escalateOnSchedule() {
      if (s.acknowledged || !s.isOpen()) {
        return;
      }
      if (s.phase == Phase.FAILED) {
        if (s.lastEscalatedAt == null
            || !now.isBefore(s.lastEscalatedAt.plus(settings.repageEvery()))) {
          escalateFailure("recovery failed and not acknowledged: " + s.failureReason);
        }
        return;
      }
      if (!runbook(s).map(this::paging).orElse(true) || s.openedAt == null) {
        return;
      }
      for (EngineSettings.EscalationLevel level : settings.escalation()) {
        Duration due = settings.dueAfter(level, s.severity);
        if (level.level() > s.escalationLevel
            && !now.isBefore(settings.dueAt(s.openedAt, due, s.severity))) {
          escalate(
              level.level(),
              EscalationCause.NOT_ACKNOWLEDGED,
              "not acknowledged " + minutes(due) + " min after opening (" + s.severity + ")");
        }
      }
    }

    /**
     * Whether the incident pages on the matrix: a runbook with {@code escalation: false} (a
     * maintenance run) does not, unless the incident is P1 or P2 (the seed's backup failures are P2).
     */
    boolean paging(Runbook rb) {
      return rb.escalation() || atLeast(s.severity, Severity.P2);
    }

    /** Raises a level: recorded on the timeline and paged through the notifier with the level. */
    void escalate(int level, EscalationCause cause, String reason) {
      page(level, true, cause, null, null, reason);
    }

    /**
     * Pages the next level that the recovery failed, with the step whose failure failed it (the one
     * {@code failureReason} names) and that failure; the run's own reason when no step failed it.
     */
    void escalateFailure(String reason) {
      String failedStepId = null;
      String failure = s.failureReason;
      for (Map.Entry<String, StepState> e : s.steps.entrySet()) {
        StepState st = e.getValue();
        if (!st.compensation
            && st.status == StepStatus.FAILED
            && st.failure != null
            && stepFailure(e.getKey(), st.failure).equals(s.failureReason)) {
          failedStepId = e.getKey();
          failure = st.failure;
          break;
        }
      }
      page(
          Math.min(s.escalationLevel + 1, maxLevel()),
          true,
          EscalationCause.RECOVERY_FAILED,
          failedStepId,
          failure,
          reason);
    }

    /**
     * @param raise whether the incident now stands at {@code level} (false: a warning to that level only)
     * @param failedStepId the step whose failure is paged, or null
     * @param failure that failure, or null
     */
    void page(
        int level,
        boolean raise,
        EscalationCause cause,
        String failedStepId,
        String failure,
        String reason) {
      if (raise) {
        s.escalationLevel = Math.max(s.escalationLevel, level);
      }
      s.escalationsRaised++;
      s.lastEscalatedAt = now;
      String target =
          settings.escalation().stream()
              .filter(l -> l.level() == level)
              .map(EngineSettings.EscalationLevel::target)
              .findFirst()
              .orElse("level " + level);
      String stepId = "escalation-" + s.escalationsRaised;
      record(
          ref(stepId, 1, "escalation", ""),
          m ->
              EscalationRaised.newBuilder()
                  .setMetadata(m)
                  .setLevel(level)
                  .setTarget(target)
                  .setReason(reason)
                  .setCause(cause)
                  .setFailedStepId(failedStepId)
                  .setFailure(failure)
                  .build());
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("severity", s.severity);
      parameters.put("scenario", s.scenario);
      parameters.put("templateId", "escalation");
      parameters.put("escalationLevel", String.valueOf(level));
      // The notifier reads why from these fields; the reason fact words it for people.
      parameters.put("escalationCause", cause.name());
      if (failedStepId != null) {
        parameters.put("failedStepId", failedStepId);
      }
      if (failure != null) {
        parameters.put("failure", failure);
      }
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("incidentId", s.incidentId);
      facts.put("target", target);
      facts.put("reason", reason);
      parameters.put("facts", facts);
      emit(
          new Effect.Command(
              ref(stepId, 1, "command", ""), settings.escalationAction(), parameters));
    }
  }

  static long minutes(Duration d) {
    return d.toMinutes();
  }

  /** Parameters as a flat string map for the timeline and the API. */
  static Map<String, String> flat(Map<String, Object> parameters) {
    Map<String, String> out = new LinkedHashMap<>();
    parameters.forEach(
        (k, v) -> {
          if (v instanceof List<?> list) {
            out.put(k, String.join(",", list.stream().map(String::valueOf).toList()));
          } else if (v instanceof Map<?, ?> map) {
            map.forEach((mk, mv) -> out.put(k + "." + mk, String.valueOf(mv)));
          } else {
            out.put(k, String.valueOf(v));
          }
        });
    return out;
  }
}
