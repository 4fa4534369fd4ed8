package io.drautopilot.notifier.adapter.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drautopilot.audit.ArchiveStore;
import io.drautopilot.audit.ArchivedIncident;
import io.drautopilot.audit.IncidentArchive;
import io.drautopilot.audit.LogRecord;
import io.drautopilot.audit.Verification;
import io.drautopilot.notifier.adapter.kafka.IncidentLogReports;
import io.drautopilot.notifier.adapter.kafka.RecordedIncidents;
import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.ReportTargets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What archiving a closed incident must do wherever the archive is (a directory, S3): every record and
 * the final report, read back to the same report and verification, idempotent, a crash retried.
 */
abstract class IncidentArchiverContract {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T11:05:10Z"), ZoneOffset.UTC);
  static final IncidentArchiver.Backoff NO_WAIT =
      new IncidentArchiver.Backoff(Duration.ZERO, Duration.ZERO, 2.0, Duration.ZERO);

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** The records the projection holds, per incident. */
  final Map<String, List<LogRecord>> kept = new ConcurrentHashMap<>();

  /** A fresh, empty archive location. */
  abstract ArchiveStore store();

  IncidentArchive archiveIn(ArchiveStore store) {
    return new IncidentArchive(store, RecordedIncidents.audit().verifier(), CLOCK);
  }

  IncidentArchiver archiver(ArchiveStore store) {
    return new IncidentArchiver(
        archiveIn(store),
        store,
        id -> kept.getOrDefault(id, List.of()),
        ReportTargets.RUNBOOK,
        RecordedIncidents.audit(),
        "",
        NO_WAIT,
        meters);
  }

  String closedIncident() {
    String id = "INC-" + UUID.randomUUID();
    kept.put(id, RecordedIncidents.asLog(RecordedIncidents.tableCorruption(id)));
    return id;
  }

  @Test
  void
      shouldArchiveEveryRecordAndTheFinalReportSoTheArchiveGivesTheSameReportAndVerificationAsKafka() {
    // given a closed incident as the projection holds it (read from Kafka)
    ArchiveStore store = store();
    String id = closedIncident();
    List<LogRecord> fromKafka = kept.get(id);

    // when it is archived
    try (IncidentArchiver archiver = archiver(store)) {
      assertThat(archiver.archive(id)).isEqualTo(IncidentArchiver.Outcome.ARCHIVED);
    }

    // then the archive holds every record, and reads back to the same report and the same
    // verification
    ArchivedIncident archived = archiveIn(store).read(id);
    assertThat(decoded(archived.records())).containsExactlyElementsOf(decoded(fromKafka));
    Verification fromArchive = archived.verification();
    Verification fromLog = RecordedIncidents.audit().verifier().verifyEncoded(archived.timeline());
    assertThat(fromArchive).isEqualTo(fromLog);
    assertThat(fromArchive.status()).isEqualTo(Verification.Status.VERIFIED);
    IncidentReport reportFromKafka =
        IncidentLogReports.renderLog(fromKafka, ReportTargets.RUNBOOK, RecordedIncidents.audit());
    IncidentReport reportFromArchive =
        IncidentLogReports.renderLog(
            archived.records(), ReportTargets.RUNBOOK, RecordedIncidents.audit());
    assertThat(IncidentLogReports.markdown(reportFromArchive))
        .isEqualTo(IncidentLogReports.markdown(reportFromKafka));
    // and the final report is kept beside the records, with the signed head
    String dir = id + "/" + archived.manifest().archiveId() + "/";
    assertThat(text(store, dir + IncidentArchiver.REPORT_MARKDOWN))
        .isEqualTo(IncidentLogReports.markdown(reportFromKafka))
        .contains("- **Chain head** (signed): `" + archived.manifest().chain().head() + "`");
    assertThat(text(store, dir + IncidentArchiver.REPORT_HTML)).contains("<h2>Audit Trail</h2>");
    assertThat(meters.counter("dr.notifier.archive", "outcome", "archived").count()).isEqualTo(1.0);
  }

  @Test
  void shouldLeaveACompleteArchiveAsItIsWhenTheCloseIsReadAgain() {
    ArchiveStore store = store();
    String id = closedIncident();
    try (IncidentArchiver archiver = archiver(store)) {
      archiver.archive(id);
      String manifest = text(store, id + "/" + IncidentArchive.MANIFEST);

      // when the projection reads the close again (a reprocessed record after a crash)
      IncidentArchiver.Outcome again = archiver.archive(id);

      // then nothing is rewritten and nothing failed
      assertThat(again).isEqualTo(IncidentArchiver.Outcome.EXISTS);
      assertThat(text(store, id + "/" + IncidentArchive.MANIFEST)).isEqualTo(manifest);
      assertThat(meters.counter("dr.notifier.archive", "outcome", "exists").count()).isEqualTo(1.0);
      assertThat(meters.counter("dr.notifier.archive", "outcome", "retried").count()).isZero();
    }
  }

  @Test
  void shouldRetryACrashBeforeTheManifestUntilTheArchiveIsComplete() {
    // given a store that fails the first time the manifest is written (the files are already there)
    ArchiveStore store = store();
    CrashingBeforeManifest crashing = new CrashingBeforeManifest(store);
    String id = closedIncident();

    // when the projection reads the close
    try (IncidentArchiver archiver = archiver(crashing)) {
      archiver.incidentClosed(id);

      // then the attempt is counted as retried and the next one completes the archive
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  archiveIn(store).status(id) == IncidentArchive.Status.COMPLETE
                      && store
                          .read(
                              id
                                  + "/"
                                  + archiveIn(store).read(id).manifest().archiveId()
                                  + "/"
                                  + IncidentArchiver.REPORT_HTML)
                          .isPresent());
    }
    assertThat(crashing.manifestAttempts.get()).isEqualTo(2);
    assertThat(meters.counter("dr.notifier.archive", "outcome", "retried").count()).isEqualTo(1.0);
    assertThat(meters.counter("dr.notifier.archive", "outcome", "archived").count()).isEqualTo(1.0);
    assertThat(decoded(archiveIn(store).read(id).records()))
        .containsExactlyElementsOf(decoded(kept.get(id)));
  }

  /**
   * Records compared by topic and content: the archive keeps each datum in its canonical form (maps in
   * key order, as the chain hashes them), so its bytes may differ from the producer's while the record
   * is the same.
   */
  static List<String> decoded(List<LogRecord> records) {
    return records.stream().map(r -> r.topic() + " " + r.decode()).toList();
  }

  static String text(ArchiveStore store, String key) {
    return new String(
        store.read(key).orElseThrow(() -> new AssertionError("missing " + store.uri(key))),
        StandardCharsets.UTF_8);
  }

  /** The process dies after writing the data files, before the manifest, once. */
  static final class CrashingBeforeManifest implements ArchiveStore {
    final ArchiveStore delegate;
    final AtomicInteger manifestAttempts = new AtomicInteger();

    CrashingBeforeManifest(ArchiveStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public String uri() {
      return delegate.uri();
    }

    @Override
    public String uri(String key) {
      return delegate.uri(key);
    }

    @Override
    public void createNew(String key, byte[] content) {
      if (key.endsWith("/" + IncidentArchive.MANIFEST) && manifestAttempts.incrementAndGet() == 1) {
        throw new IllegalStateException("connection reset while writing " + key);
      }
      delegate.createNew(key, content);
    }

    @Override
    public Optional<byte[]> read(String key) {
      return delegate.read(key);
    }

    @Override
    public boolean containsAnyUnder(String prefix) {
      return delegate.containsAnyUnder(prefix);
    }
  }
}
