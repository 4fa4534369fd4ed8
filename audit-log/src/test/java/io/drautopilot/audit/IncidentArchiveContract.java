package io.drautopilot.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.audit.Verification.Status;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.incident.IncidentDetected;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** What every archive location must do; run against a directory and against s3rver. */
abstract class IncidentArchiveContract {

  static final ChainSigner SIGNER = ChainSigner.of(Ed25519Keys.generate().getPrivate());
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T11:00:00Z"), ZoneOffset.UTC);

  /** A fresh, empty location. */
  abstract ArchiveStore store();

  /** Replaces an object behind the archive's back, as someone with write access to the location could. */
  abstract void overwrite(ArchiveStore store, String key, byte[] content);

  IncidentArchive archive(ArchiveStore store) {
    return new IncidentArchive(store, new IncidentVerifier(SIGNER.verifier()), CLOCK);
  }

  @Test
  void shouldGiveBackEveryRecordInLogOrderWithTheSameVerificationWhenArchived() {
    List<LogRecord> log = SampleIncident.wholeLog(SIGNER);
    IncidentVerifier verifier = new IncidentVerifier(SIGNER.verifier());
    Verification fromKafka =
        verifier.verifyEncoded(
            log.stream()
                .filter(r -> r.topic().equals(Topics.INCIDENT_TIMELINE))
                .map(LogRecord::value)
                .toList());
    IncidentArchive archive = archive(store());

    ArchiveManifest manifest = archive.write(SampleIncident.INCIDENT, log);
    ArchivedIncident read = archive.read(SampleIncident.INCIDENT);

    assertThat(read.records())
        .extracting(LogRecord::topic)
        .containsExactlyElementsOf(log.stream().map(LogRecord::topic).toList());
    assertThat(read.records())
        .extracting(LogRecord::decode)
        .containsExactlyElementsOf(log.stream().map(LogRecord::decode).toList());
    assertThat(read.verification()).isEqualTo(fromKafka);
    assertThat(read.verification().status()).isEqualTo(Status.VERIFIED);
    assertThat(read.manifest()).isEqualTo(manifest);
    assertThat(manifest.records()).isEqualTo(8);
    assertThat(manifest.recordCounts())
        .containsEntry(Topics.INCIDENT_TIMELINE, 5)
        .containsEntry(Topics.INCIDENTS_DETECTED, 1)
        .containsEntry(Topics.RESTORE_COMMANDS, 1)
        .containsEntry(Topics.COMMAND_RESULTS, 1);
    assertThat(manifest.chain().head()).matches("[0-9a-f]{64}");
    assertThat(manifest.chain().signingKeyId()).isEqualTo(SIGNER.keyId());
    assertThat(manifest.chain().status()).isEqualTo("VERIFIED");
    assertThat(manifest.files())
        .hasSize(8)
        .allSatisfy(f -> assertThat(f.sha256()).matches("[0-9a-f]{64}"));
    assertThat(manifest.archivedAt()).isEqualTo("2026-01-15T11:00:00Z");
    assertThat(archive.status(SampleIncident.INCIDENT)).isEqualTo(IncidentArchive.Status.COMPLETE);
  }

  @Test
  void shouldWriteStandardAvroDataFilesWhichAnyAvroReaderReads() throws IOException {
    ArchiveStore store = store();
    ArchiveManifest manifest =
        archive(store).write(SampleIncident.INCIDENT, SampleIncident.wholeLog(SIGNER));
    ArchiveManifest.ArchiveFile closed = manifest.files().get(manifest.files().size() - 1);

    byte[] file = store.read(SampleIncident.INCIDENT + "/" + closed.path()).orElseThrow();
    try (DataFileStream<GenericRecord> in =
        new DataFileStream<>(new ByteArrayInputStream(file), new GenericDatumReader<>())) {
      assertThat(in.getSchema().getFullName())
          .isEqualTo("io.drautopilot.contracts.timeline.IncidentClosed");
      assertThat(in.getMetaString("dr.topic")).isEqualTo(Topics.INCIDENT_TIMELINE);
      GenericRecord record = in.next();
      assertThat(record.get("chainSignature").toString()).isNotBlank();
      assertThat(record.get("closedBy").toString()).isEqualTo("alice@example.com");
    }
  }

  @Test
  void shouldArchiveNothingAndNameTheBrokenLinkWhenATimelineRecordNoLongerDecodes() {
    ArchiveStore store = store();
    List<LogRecord> log = new ArrayList<>(SampleIncident.wholeLog(SIGNER));
    int timelineIndex = -1;
    for (int i = 0; i < log.size(); i++) {
      LogRecord r = log.get(i);
      if (r.topic().equals(Topics.INCIDENT_TIMELINE) && ++timelineIndex == 1) {
        // cut short: the record no longer decodes
        log.set(i, new LogRecord(r.topic(), java.util.Arrays.copyOf(r.value(), 12)));
      }
    }

    assertThatThrownBy(() -> archive(store).write(SampleIncident.INCIDENT, log))
        .isInstanceOfSatisfying(
            BrokenChainException.class,
            e -> {
              assertThat(e.verification().status()).isEqualTo(Status.BROKEN);
              assertThat(e.verification().summary()).startsWith("chain broken at record 1");
            })
        .hasMessageStartingWith("nothing archived: chain broken at record 1");
    assertThat(archive(store).status(SampleIncident.INCIDENT))
        .isEqualTo(IncidentArchive.Status.ABSENT);
  }

  @Test
  void shouldRefuseToArchiveAnIncidentTwice() {
    ArchiveStore store = store();
    IncidentArchive archive = archive(store);
    ArchiveManifest first = archive.write(SampleIncident.INCIDENT, SampleIncident.wholeLog(SIGNER));

    assertThatThrownBy(
            () -> archive.write(SampleIncident.INCIDENT, SampleIncident.wholeLog(SIGNER)))
        .isInstanceOf(ArchiveExistsException.class)
        .hasMessageContaining("written once");
    assertThatThrownBy(
            () ->
                store.createNew(
                    SampleIncident.INCIDENT + "/" + IncidentArchive.MANIFEST, "{}".getBytes()))
        .isInstanceOf(ArchiveExistsException.class);
    assertThatThrownBy(
            () ->
                store.createNew(
                    SampleIncident.INCIDENT + "/" + first.files().get(0).path(), new byte[1]))
        .isInstanceOf(ArchiveExistsException.class);
    assertThat(archive.read(SampleIncident.INCIDENT).manifest()).isEqualTo(first);
  }

  @Test
  void shouldReadAsIncompleteWhenArchivingStopsBeforeTheManifest() {
    ArchiveStore real = store();
    ArchiveStore crashing = new CrashBeforeManifest(real);

    assertThatThrownBy(
            () -> archive(crashing).write(SampleIncident.INCIDENT, SampleIncident.wholeLog(SIGNER)))
        .hasMessageContaining("crash");

    IncidentArchive archive = archive(real);
    assertThat(archive.status(SampleIncident.INCIDENT))
        .isEqualTo(IncidentArchive.Status.INCOMPLETE);
    assertThatThrownBy(() -> archive.read(SampleIncident.INCIDENT))
        .isInstanceOf(IncompleteArchiveException.class)
        .hasMessageContaining("no manifest.json");

    archive.write(SampleIncident.INCIDENT, SampleIncident.wholeLog(SIGNER));
    assertThat(archive.read(SampleIncident.INCIDENT).verification().status())
        .isEqualTo(Status.VERIFIED);
  }

  @Test
  void shouldNameTheChangedFileWhenAnArchivedFileIsAltered() {
    ArchiveStore store = store();
    IncidentArchive archive = archive(store);
    ArchiveManifest manifest =
        archive.write(SampleIncident.INCIDENT, SampleIncident.wholeLog(SIGNER));
    String key = SampleIncident.INCIDENT + "/" + manifest.files().get(3).path();
    byte[] bytes = store.read(key).orElseThrow();
    bytes[bytes.length - 20] ^= 1;
    overwrite(store, key, bytes);

    assertThatThrownBy(() -> archive.read(SampleIncident.INCIDENT))
        .isInstanceOf(ArchiveIntegrityException.class)
        .hasMessageContaining(manifest.files().get(3).path())
        .hasMessageContaining("was changed");
  }

  @Test
  void shouldSayNothingIsArchivedWhenTheIncidentWasNeverArchived() {
    IncidentArchive archive = archive(store());

    assertThat(archive.status("inc-unknown")).isEqualTo(IncidentArchive.Status.ABSENT);
    assertThatThrownBy(() -> archive.read("inc-unknown"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no archive of incident inc-unknown");
  }

  @Test
  void shouldRefuseRecordsOfAnotherIncident() {
    List<LogRecord> log = new ArrayList<>(SampleIncident.wholeLog(SIGNER));

    assertThatThrownBy(() -> archive(store()).write("inc-other", log))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("belongs to incident inc-7f3a, not inc-other");
    assertThatThrownBy(() -> archive(store()).write("../etc", log))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an archivable incident id");
  }

  @Test
  void shouldArchiveADetectionThatJoinedTheIncidentUnderTheDetectorsOwnId() {
    List<LogRecord> log = new ArrayList<>(SampleIncident.wholeLog(SIGNER));
    IncidentDetected joined = detectionOfAnotherId(log.get(0), "ev-detected");
    log.set(0, LogRecord.of(Topics.INCIDENTS_DETECTED, joined));
    List<LogRecord> stray = new ArrayList<>(log);
    stray.set(0, LogRecord.of(Topics.INCIDENTS_DETECTED, detectionOfAnotherId(log.get(0), "ev-x")));

    IncidentArchive archive = archive(store());
    ArchiveManifest manifest = archive.write(SampleIncident.INCIDENT, log);

    assertThat(manifest.recordCounts()).containsEntry(Topics.INCIDENTS_DETECTED, 1);
    assertThat(archive.read(SampleIncident.INCIDENT).records().get(0).value())
        .isEqualTo(EventCodec.shared().encode(joined));
    assertThatThrownBy(() -> archive(store()).write("inc-7f3a", stray))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("belongs to incident det-9c1e, not inc-7f3a");
  }

  /** The detection as a second signal carries it: the detector's own incident id, its own event id. */
  private static IncidentDetected detectionOfAnotherId(LogRecord detection, String eventId) {
    IncidentDetected d = (IncidentDetected) EventCodec.shared().decode(detection.value());
    return IncidentDetected.newBuilder(d)
        .setMetadata(
            EventMetadata.newBuilder(d.getMetadata())
                .setIncidentId("det-9c1e")
                .setEventId(eventId)
                .build())
        .build();
  }

  /** The real store, except that the process "dies" when it comes to the manifest. */
  record CrashBeforeManifest(ArchiveStore real) implements ArchiveStore {
    @Override
    public String uri() {
      return real.uri();
    }

    @Override
    public String uri(String key) {
      return real.uri(key);
    }

    @Override
    public void createNew(String key, byte[] content) {
      if (key.endsWith(IncidentArchive.MANIFEST)) {
        throw new IllegalStateException("crash before " + key);
      }
      real.createNew(key, content);
    }

    @Override
    public Optional<byte[]> read(String key) {
      return real.read(key);
    }

    @Override
    public boolean containsAnyUnder(String prefix) {
      return real.containsAnyUnder(prefix);
    }
  }
}
