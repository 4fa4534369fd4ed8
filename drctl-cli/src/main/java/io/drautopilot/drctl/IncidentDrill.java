package io.drautopilot.drctl;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.IncidentSignalJoined;
import io.drautopilot.contracts.timeline.StepFailed;
import io.drautopilot.contracts.timeline.StepSkipped;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.contracts.timeline.StepTimedOut;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.IndexedRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A recorded incident turned into a sandbox drill ({@code drctl drill-from ID --to DIR}, then
 * {@code ./drill --from-incident DIR}): the detection signals to re-inject with their original spacing, and what the
 * drill is judged against, the runbook path taken and the measured RTO. One JSON file, {@value #FILE_NAME}, with a
 * {@code format} and {@code version}; a reader refuses a version it does not know. Times are milliseconds after the
 * first signal ({@code firstSignalAt}; negative when before it), so the drill replays the spacing, not the dates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentDrill(
    String format,
    int version,
    String incidentId,
    String scenario,
    String severity,
    String region,
    List<String> affectedResources,
    String fingerprint,
    Runbook runbook,
    String firstSignalAt,
    List<Signal> signals,
    List<PathStep> path,
    Recovery recovery) {

  public static final String FILE_NAME = "incident-drill.json";
  public static final String FORMAT = "dr-autopilot.incident-drill";
  public static final int VERSION = 1;

  /** The runbook the incident ran. */
  public record Runbook(String id, Integer version) {}

  /**
   * One detection as the detector published it on {@code dr.incidents.detected}, at {@code atMillis} after the first;
   * {@code joined} when it joined the open incident rather than opening it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Signal(
      long atMillis,
      boolean joined,
      String detectorId,
      String fingerprint,
      String scenario,
      String severity,
      String region,
      List<String> affectedResources,
      long impactStartedAtMillis,
      List<Symptom> symptoms) {}

  /** One observation behind a detection ({@code Evidence}), its time after the first signal. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Symptom(
      String signal,
      String resource,
      String detail,
      long observedAtMillis,
      Double value,
      Map<String, String> subjects) {}

  /** How a step (attempt) ended. */
  public enum StepOutcome {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    SKIPPED
  }

  /**
   * A step's end, in timeline order; {@code retried} when another attempt followed (a failure or time-out with a
   * retry): the path to compare is the entries that are not retried.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PathStep(
      String step,
      int attempt,
      String action,
      StepOutcome outcome,
      boolean retried,
      long atMillis,
      String reason) {}

  /** How the incident ended and its measured RTO (resolvedAt - impactStartedAt), against its target. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Recovery(
      String outcome,
      long resolvedAtMillis,
      Long measuredRtoSeconds,
      Long rtoTargetSeconds,
      Long measuredRpoSeconds) {}

  // a reader of version 1 ignores fields a later minor addition brings
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /**
   * The drill of incident {@code incidentId} from its timeline records and the detections on
   * {@code dr.incidents.detected} (those the incident's opening and joins name by event id; all of them may be given).
   *
   * @throws DrctlException (usage) when the incident never opened or has not resolved yet
   */
  public static IncidentDrill of(
      String incidentId, List<IndexedRecord> timeline, Collection<IndexedRecord> detections) {
    IncidentOpened opened = null;
    IncidentResolved resolved = null;
    Set<String> detectionIds = new LinkedHashSet<>();
    for (IndexedRecord r : timeline) {
      if (r instanceof IncidentOpened o && opened == null) {
        opened = o;
        detectionIds.add(o.getDetectorEventId());
      } else if (r instanceof IncidentSignalJoined j) {
        detectionIds.add(j.getDetectorEventId());
      } else if (r instanceof IncidentResolved res) {
        resolved = res;
      }
    }
    if (opened == null) {
      throw DrctlException.usage(
          "incident " + incidentId + " has no IncidentOpened record: nothing to turn into a drill");
    }
    if (resolved == null) {
      throw DrctlException.usage(
          "incident "
              + incidentId
              + " has not resolved yet: there is no path or RTO to drill against");
    }
    Map<String, IncidentDetected> byId = new LinkedHashMap<>();
    for (IndexedRecord d : detections) {
      if (d instanceof IncidentDetected detected
          && detectionIds.contains(detected.getMetadata().getEventId())) {
        byId.putIfAbsent(detected.getMetadata().getEventId(), detected);
      }
    }
    if (!byId.containsKey(opened.getDetectorEventId())) {
      throw DrctlException.usage(
          "incident "
              + incidentId
              + ": the detection that opened it (event "
              + opened.getDetectorEventId()
              + ") is not among the records read");
    }
    List<IncidentDetected> signals = new ArrayList<>(byId.values());
    signals.sort(java.util.Comparator.comparing(d -> d.getMetadata().getOccurredAt()));
    Instant first = signals.get(0).getMetadata().getOccurredAt();
    String opening = opened.getDetectorEventId();
    List<Signal> injected =
        signals.stream()
            .map(d -> signal(d, first, !d.getMetadata().getEventId().equals(opening)))
            .toList();
    List<PathStep> path = path(timeline, first);
    Recovery recovery =
        new Recovery(
            resolved.getOutcome(),
            millis(resolved.getResolvedAt(), first),
            resolved.getMeasuredRtoSeconds() != null
                ? resolved.getMeasuredRtoSeconds()
                : Long.valueOf(
                    resolved.getResolvedAt().getEpochSecond()
                        - opened.getImpactStartedAt().getEpochSecond()),
            resolved.getRtoTargetSeconds(),
            resolved.getMeasuredRpoSeconds());
    return new IncidentDrill(
        FORMAT,
        VERSION,
        incidentId,
        opened.getScenario().name(),
        opened.getSeverity().name(),
        opened.getRegion(),
        List.copyOf(opened.getAffectedResources()),
        opened.getFingerprint(),
        new Runbook(opened.getMetadata().getRunbookId(), opened.getMetadata().getRunbookVersion()),
        first.toString(),
        injected,
        path,
        recovery);
  }

  private static Signal signal(IncidentDetected d, Instant first, boolean joined) {
    List<Symptom> symptoms = d.getSymptoms().stream().map(e -> symptom(e, first)).toList();
    return new Signal(
        millis(d.getMetadata().getOccurredAt(), first),
        joined,
        d.getDetectorId(),
        d.getFingerprint(),
        d.getScenario().name(),
        d.getSeverity().name(),
        d.getRegion(),
        List.copyOf(d.getAffectedResources()),
        millis(d.getImpactStartedAt(), first),
        symptoms);
  }

  private static Symptom symptom(Evidence e, Instant first) {
    return new Symptom(
        e.getSignal(),
        e.getResource(),
        e.getDetail(),
        millis(e.getObservedAt(), first),
        e.getValue(),
        e.getSubjects() == null || e.getSubjects().isEmpty()
            ? null
            : new java.util.TreeMap<>(e.getSubjects()));
  }

  private static List<PathStep> path(List<IndexedRecord> timeline, Instant first) {
    List<PathStep> path = new ArrayList<>();
    for (IndexedRecord r : timeline) {
      var m = IncidentRecords.metadata(r);
      Object stepId = m.get("stepId");
      if (stepId == null) {
        continue;
      }
      String step = String.valueOf(stepId);
      int attempt = m.get("attempt") instanceof Integer a ? a : 1;
      long at = millis(IncidentRecords.millis(m.get("occurredAt")), first);
      PathStep end = null;
      if (r instanceof StepSucceeded s) {
        end = new PathStep(step, attempt, s.getAction(), StepOutcome.SUCCEEDED, false, at, null);
      } else if (r instanceof StepFailed f) {
        end =
            new PathStep(
                step,
                attempt,
                f.getAction(),
                StepOutcome.FAILED,
                f.getWillRetry(),
                at,
                f.getFailure().getCode() + ": " + f.getFailure().getMessage());
      } else if (r instanceof StepTimedOut t) {
        end =
            new PathStep(
                step, attempt, t.getAction(), StepOutcome.TIMED_OUT, t.getWillRetry(), at, null);
      } else if (r instanceof StepSkipped k) {
        end =
            new PathStep(
                step, attempt, k.getAction(), StepOutcome.SKIPPED, false, at, k.getReason());
      }
      if (end != null) {
        path.add(end);
      }
    }
    return path;
  }

  private static long millis(Instant at, Instant first) {
    return at.toEpochMilli() - first.toEpochMilli();
  }

  private static long millis(long at, Instant first) {
    return at - first.toEpochMilli();
  }

  /** The steps' final ends, in order: what a drill's path is compared with. */
  public List<PathStep> finalPath() {
    return path.stream().filter(p -> !p.retried()).toList();
  }

  /** Writes {@code dir/}{@value #FILE_NAME}; refuses to replace one that is there. */
  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      throw new java.nio.file.FileAlreadyExistsException(
          file.toString(), null, "a drill is already there");
    }
    Files.writeString(file, JSON.writeValueAsString(this) + "\n");
    return file;
  }

  /** Reads {@code dir/}{@value #FILE_NAME} (or the file itself), refusing another format or a newer version. */
  public static IncidentDrill read(Path dirOrFile) throws IOException {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE_NAME) : dirOrFile;
    IncidentDrill drill;
    try {
      drill = JSON.readValue(file.toFile(), IncidentDrill.class);
    } catch (JacksonIOException e) {
      // the file's own failure (not there, unreadable), as the caller expects it
      throw e.getCause();
    } catch (JacksonException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (!FORMAT.equals(drill.format())) {
      throw new IOException(
          file
              + " is not an incident drill (format "
              + drill.format()
              + ", expected "
              + FORMAT
              + ")");
    }
    if (drill.version() > VERSION) {
      throw new IOException(
          file
              + " is version "
              + drill.version()
              + " of the incident drill; this reader knows up to "
              + VERSION);
    }
    return drill;
  }
}
