package io.drautopilot.notifier.adapter.audit;

import io.drautopilot.audit.ArchiveExistsException;
import io.drautopilot.audit.ArchiveIntegrityException;
import io.drautopilot.audit.ArchiveStore;
import io.drautopilot.audit.ArchivedIncident;
import io.drautopilot.audit.IncidentArchive;
import io.drautopilot.audit.LogRecord;
import io.drautopilot.notifier.adapter.kafka.IncidentLogReports;
import io.drautopilot.notifier.domain.report.HtmlReportWriter;
import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.MarkdownReportWriter;
import io.drautopilot.notifier.domain.report.ReportTargets;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives an incident when it closes: every record the incident-log projection holds about it, with
 * {@link IncidentArchive} (Avro data files and a manifest, write-once), then the final report, rendered
 * from the archived records, in Markdown and HTML inside the archive's own folder:
 *
 * <pre>
 * &lt;location&gt;/&lt;incidentId&gt;/manifest.json
 * &lt;location&gt;/&lt;incidentId&gt;/&lt;archiveId&gt;/*.avro
 * &lt;location&gt;/&lt;incidentId&gt;/&lt;archiveId&gt;/incident-report.md, incident-report.html
 * </pre>
 *
 * <p>Archiving runs on its own thread, so it never holds up the projection or the notifications. It is
 * idempotent: a complete archive is left as it is (only a missing report is added), an incomplete one
 * (a crash before the manifest) is written again beside the leftovers. Failures are retried with
 * exponential backoff and counted ({@code dr.notifier.archive{outcome}}: archived, exists, retried,
 * failed); only a failure that cannot succeed on retry (a record that cannot be read) gives up.
 */
public class IncidentArchiver implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IncidentArchiver.class);

  public static final String REPORT_MARKDOWN = "incident-report.md";
  public static final String REPORT_HTML = "incident-report.html";

  /** What one attempt did. */
  public enum Outcome {
    ARCHIVED,
    EXISTS
  }

  private final IncidentArchive archive;
  private final ArchiveStore store;
  private final Function<String, List<LogRecord>> records;
  private final ReportTargets targets;
  private final TimelineAudit audit;
  private final String mermaidScriptUrl;
  private final Backoff backoff;
  private final MeterRegistry meters;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "incident-archiver");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param records every record about an incident, as kept (the projection's store)
   * @param meters where attempts are counted; null for none
   */
  public IncidentArchiver(
      IncidentArchive archive,
      ArchiveStore store,
      Function<String, List<LogRecord>> records,
      ReportTargets targets,
      TimelineAudit audit,
      String mermaidScriptUrl,
      Backoff backoff,
      MeterRegistry meters) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.store = Objects.requireNonNull(store, "store");
    this.records = Objects.requireNonNull(records, "records");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.mermaidScriptUrl = mermaidScriptUrl;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.meters = meters;
  }

  /**
   * Delays between attempts.
   *
   * @param settleTime before the first attempt, so records of other topics still in flight at the close
   *     are read first
   */
  public record Backoff(Duration settleTime, Duration initial, double multiplier, Duration max) {

    Duration after(int failures) {
      double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
      return Duration.ofMillis((long) Math.min(millis, max.toMillis()));
    }
  }

  /** The projection read the incident's close: archive it, after the settle time, on the archiver's thread. */
  public void incidentClosed(String incidentId) {
    schedule(incidentId, 0, backoff.settleTime());
  }

  private void schedule(String incidentId, int failures, Duration delay) {
    if (executor.isShutdown()) {
      return;
    }
    executor.schedule(() -> attempt(incidentId, failures), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void attempt(String incidentId, int failures) {
    try {
      archive(incidentId);
    } catch (IllegalArgumentException | ArchiveIntegrityException e) {
      count("failed");
      log.error("incident {} cannot be archived, not retrying: {}", incidentId, e.getMessage());
    } catch (RuntimeException e) {
      count("retried");
      Duration wait = backoff.after(failures + 1);
      log.warn(
          "archiving incident {} failed (attempt {}), retrying in {}: {}",
          incidentId,
          failures + 1,
          wait,
          e.toString());
      schedule(incidentId, failures + 1, wait);
    }
  }

  /**
   * One attempt, on the caller's thread.
   *
   * @throws IllegalArgumentException when the incident cannot be archived (an unreadable record, an id
   *     that cannot be a path): retrying will not help
   * @throws ArchiveIntegrityException when the archive there does not read back as written
   * @throws RuntimeException when it failed and may work later (the store, the projection not ready)
   */
  public Outcome archive(String incidentId) {
    Outcome outcome;
    if (archive.status(incidentId) == IncidentArchive.Status.COMPLETE) {
      outcome = Outcome.EXISTS;
    } else {
      List<LogRecord> kept = records.apply(incidentId);
      if (kept.isEmpty()) {
        throw new IllegalStateException(
            "no records of incident " + incidentId + " are in the incident log yet");
      }
      try {
        archive.write(incidentId, kept);
        outcome = Outcome.ARCHIVED;
      } catch (ArchiveExistsException e) {
        // another instance (or an earlier attempt whose answer was lost) got there first
        outcome = Outcome.EXISTS;
      }
    }
    ArchivedIncident archived = archive.read(incidentId);
    writeReports(incidentId, archived);
    count(outcome == Outcome.ARCHIVED ? "archived" : "exists");
    if (outcome == Outcome.ARCHIVED) {
      log.info(
          "archived incident {}: {} records to {}; {}",
          incidentId,
          archived.records().size(),
          store.uri(incidentId),
          archived.verification() == null ? "no timeline" : archived.verification().summary());
    } else {
      log.info(
          "incident {} is already archived in {}; left as it is",
          incidentId,
          store.uri(incidentId));
    }
    return outcome;
  }

  /** The final report from the archived records, so it is exactly what the archive gives when read back. */
  private void writeReports(String incidentId, ArchivedIncident archived) {
    String dir = incidentId + "/" + archived.manifest().archiveId() + "/";
    if (store.read(dir + REPORT_MARKDOWN).isPresent()
        && store.read(dir + REPORT_HTML).isPresent()) {
      return;
    }
    IncidentReport report = IncidentLogReports.renderLog(archived.records(), targets, audit);
    createIfAbsent(dir + REPORT_MARKDOWN, MarkdownReportWriter.write(report));
    createIfAbsent(dir + REPORT_HTML, HtmlReportWriter.write(report, mermaidScriptUrl));
  }

  private void createIfAbsent(String key, String content) {
    if (store.read(key).isPresent()) {
      return;
    }
    try {
      store.createNew(key, content.getBytes(StandardCharsets.UTF_8));
    } catch (ArchiveExistsException e) {
      log.debug("{} was written meanwhile", store.uri(key));
    }
  }

  private void count(String outcome) {
    if (meters != null) {
      meters.counter("dr.notifier.archive", "outcome", outcome).increment();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
