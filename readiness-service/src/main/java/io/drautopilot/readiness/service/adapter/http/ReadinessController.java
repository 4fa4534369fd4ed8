package io.drautopilot.readiness.service.adapter.http;

import io.drautopilot.readiness.Finding;
import io.drautopilot.readiness.PathAssessment;
import io.drautopilot.readiness.ReadinessAssessor.Assessment;
import io.drautopilot.readiness.ReadinessAssessor.TableAssessment;
import io.drautopilot.readiness.service.domain.ReadinessService;
import io.drautopilot.readiness.service.domain.Trigger;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/readiness} (every table) and {@code GET /api/readiness/{table}}: the latest assessment as JSON. */
@RestController
@RequestMapping("/api/readiness")
class ReadinessController {

  private final ReadinessService readiness;

  ReadinessController(ReadinessService readiness) {
    this.readiness = readiness;
  }

  @GetMapping
  ReadinessView all() {
    Assessment a = current();
    return new ReadinessView(
        a.assessedAt(),
        a.targets().rto().toSeconds(),
        a.targets().rpo().toSeconds(),
        a.score(),
        readiness.settings().scoreThreshold(),
        a.meetsTargets(),
        a.tables().stream().map(ReadinessController::table).toList(),
        a.serviceWide().stream().map(ReadinessController::finding).toList());
  }

  @GetMapping("/{table}")
  TableView one(@PathVariable String table) {
    return current().tables().stream()
        .filter(t -> t.evidence().table().equals(table))
        .findFirst()
        .map(ReadinessController::table)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "not a protected table: " + table));
  }

  private Assessment current() {
    return readiness.latest().orElseGet(() -> readiness.assess(Trigger.of(Trigger.Kind.REQUEST)));
  }

  record ReadinessView(
      Instant assessedAt,
      long rtoTargetSeconds,
      long rpoTargetSeconds,
      int score,
      int scoreThreshold,
      boolean meetsTargets,
      List<TableView> tables,
      List<FindingView> findings) {}

  record TableView(
      String table,
      long itemCount,
      long sizeBytes,
      String chosenPath,
      String choiceReason,
      boolean meetsTargets,
      int score,
      List<PathView> paths,
      List<FindingView> findings) {}

  /**
   * One path; {@code p50Millis} / {@code p90Millis} are the restore forecast of {@code p50Seconds} / {@code p90Seconds}
   * to the millisecond (the seconds are truncated), for restores that take seconds.
   */
  record PathView(
      String path,
      boolean available,
      long p50Seconds,
      long p90Seconds,
      long p50Millis,
      long p90Millis,
      String basis,
      int runs,
      long rtoP50Seconds,
      long rtoP90Seconds,
      Long rpoSeconds,
      Instant restorePointTime,
      boolean meetsRto,
      boolean meetsRpo,
      List<String> reasons,
      List<String> evidenceEventIds) {}

  record FindingView(
      String check,
      String status,
      int points,
      int maxPoints,
      String detail,
      List<String> evidence) {}

  static TableView table(TableAssessment t) {
    return new TableView(
        t.evidence().table(),
        t.evidence().size().itemCount(),
        t.evidence().size().sizeBytes(),
        t.choice().path().map(Enum::name).orElse(null),
        t.choice().reason(),
        t.meetsTargets(),
        t.score().score(),
        t.paths().stream().map(ReadinessController::path).toList(),
        t.score().findings().stream().map(ReadinessController::finding).toList());
  }

  static PathView path(PathAssessment p) {
    return new PathView(
        p.path().name(),
        p.available(),
        p.restore().p50().toSeconds(),
        p.restore().p90().toSeconds(),
        p.restore().p50().toMillis(),
        p.restore().p90().toMillis(),
        p.restore().basis(),
        p.restore().runs(),
        p.rtoP50().toSeconds(),
        p.rtoP90().toSeconds(),
        p.rpo().map(r -> r.toSeconds()).orElse(null),
        p.restorePoint().map(r -> r.time()).orElse(null),
        p.meetsRto(),
        p.meetsRpo(),
        p.reasons(),
        p.restore().evidenceEventIds());
  }

  static FindingView finding(Finding f) {
    return new FindingView(
        f.check().name(), f.status().name(), f.points(), f.maxPoints(), f.detail(), f.evidence());
  }
}
