package io.drautopilot.audit;

import io.drautopilot.audit.ArchiveManifest.ArchiveFile;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.codec.EventDecodingException;
import io.drautopilot.contracts.timeline.IncidentClosed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;

/**
 * Every record about a closed incident, kept beyond Kafka's retention, in a directory or
 * {@code s3://bucket/prefix}:
 *
 * <pre>
 * &lt;incidentId&gt;/manifest.json                                   written last
 * &lt;incidentId&gt;/&lt;archiveId&gt;/&lt;nn&gt;-&lt;topic&gt;-&lt;Record&gt;-&lt;fingerprint&gt;.avro   one Avro object container file per topic and writer schema
 * </pre>
 *
 * <p>A container file holds one schema, so there is one file per writer schema: each record keeps
 * the exact schema it was written with (its datum is copied, not re-encoded), which any Avro tool
 * reads and which keeps the chain's hashes recomputable after the contracts evolve (two versions of
 * one record could not share a union file). The manifest gives the log order across files.
 *
 * <p>Write-once: every object is created only if absent, and the manifest goes last, so an archive
 * either has a manifest and every file it names, or reads as incomplete; a crashed attempt's files
 * sit under their own {@code archiveId} and a new attempt writes beside them.
 */
public final class IncidentArchive {

  public static final String MANIFEST = "manifest.json";

  /** Incident ids become path segments: keep them to characters safe in both file names and S3 keys. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

  private static final String INCIDENT_CLOSED = IncidentClosed.getClassSchema().getFullName();

  public enum Status {
    /** Nothing is archived for the incident. */
    ABSENT,
    /** Files exist but no manifest: an attempt stopped before it finished. */
    INCOMPLETE,
    /** The manifest exists (the files it names are checked on read). */
    COMPLETE
  }

  private final ArchiveStore store;
  private final IncidentVerifier verifier;
  private final Clock clock;

  public IncidentArchive(ArchiveStore store, IncidentVerifier verifier, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Archives the incident's records (from every topic, in log order), then its manifest.
   *
   * @throws ArchiveExistsException when the incident is already archived
   * @throws IllegalArgumentException when a record is unreadable or belongs to another incident (a
   *     detection the incident's timeline names, one that joined it, is the incident's)
   */
  public ArchiveManifest write(String incidentId, List<LogRecord> records) {
    requireSafeId(incidentId);
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no records to archive for incident " + incidentId);
    }
    String manifestKey = incidentId + "/" + MANIFEST;
    if (store.read(manifestKey).isPresent()) {
      throw new ArchiveExistsException(store.uri(manifestKey));
    }
    String archiveId = UUID.randomUUID().toString();
    Map<String, Group> groups = new LinkedHashMap<>();
    List<Integer> order = new ArrayList<>(records.size());
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<byte[]> timeline = new ArrayList<>();
    IndexedRecord lastTimelineRecord = null;
    Set<String> joined = joinedDetections(incidentId, records);
    for (int i = 0; i < records.size(); i++) {
      LogRecord record = records.get(i);
      IndexedRecord decoded = decode(records, i);
      String owner = metadataText(decoded, "incidentId");
      boolean joinedDetection =
          record.topic().equals(Topics.INCIDENTS_DETECTED)
              && joined.contains(metadataText(decoded, "eventId"));
      if (!incidentId.equals(owner) && !joinedDetection) {
        throw new IllegalArgumentException(
            "record "
                + i
                + " ("
                + record.topic()
                + ", "
                + decoded.getSchema().getName()
                + ") belongs to incident "
                + owner
                + ", not "
                + incidentId);
      }
      long fingerprint = EventCodec.fingerprintOf(record.value());
      String groupKey = record.topic() + "|" + fingerprint;
      Group group =
          groups.computeIfAbsent(
              groupKey,
              k -> new Group(groups.size(), record.topic(), decoded.getSchema(), fingerprint));
      group.values.add(record.value());
      order.add(group.index);
      counts.merge(record.topic(), 1, Integer::sum);
      if (record.topic().equals(Topics.INCIDENT_TIMELINE)) {
        timeline.add(record.value());
        lastTimelineRecord = decoded;
      }
    }
    ArchiveManifest.Chain chain =
        timeline.isEmpty() ? null : chainOf(verifier.verifyEncoded(timeline), lastTimelineRecord);

    List<ArchiveFile> files = new ArrayList<>();
    for (Group group : groups.values()) {
      String key = incidentId + "/" + archiveId + "/" + group.fileName();
      byte[] bytes = group.containerFile(incidentId);
      store.createNew(key, bytes);
      files.add(
          new ArchiveFile(
              key.substring(incidentId.length() + 1),
              group.topic,
              group.schema.getFullName(),
              hex(group.fingerprint),
              group.values.size(),
              sha256(bytes)));
    }
    ArchiveManifest manifest =
        new ArchiveManifest(
            ArchiveManifest.FORMAT,
            incidentId,
            archiveId,
            clock.instant().toString(),
            records.size(),
            counts,
            chain,
            files,
            order);
    store.createNew(manifestKey, manifest.toJson());
    return manifest;
  }

  /**
   * The event ids of the detections the incident's own timeline names ({@code IncidentOpened},
   * {@code IncidentSignalJoined}: {@code detectorEventId}). A detection that joined an open incident
   * keeps the detector's incident id in its metadata, yet it is this incident's evidence.
   */
  private Set<String> joinedDetections(String incidentId, List<LogRecord> records) {
    Set<String> named = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      if (!records.get(i).topic().equals(Topics.INCIDENT_TIMELINE)) {
        continue;
      }
      IndexedRecord decoded = decode(records, i);
      Schema.Field detector = decoded.getSchema().getField("detectorEventId");
      if (detector != null
          && incidentId.equals(metadataText(decoded, "incidentId"))
          && decoded.get(detector.pos()) != null) {
        named.add(String.valueOf(decoded.get(detector.pos())));
      }
    }
    return named;
  }

  private static String metadataText(IndexedRecord record, String field) {
    IndexedRecord metadata = HashChain.metadataRecord(record);
    return String.valueOf(metadata.get(metadata.getSchema().getField(field).pos()));
  }

  public Status status(String incidentId) {
    requireSafeId(incidentId);
    if (store.read(incidentId + "/" + MANIFEST).isPresent()) {
      return Status.COMPLETE;
    }
    return store.containsAnyUnder(incidentId) ? Status.INCOMPLETE : Status.ABSENT;
  }

  /**
   * Reads an archived incident back, in log order, checking every file against the manifest and the
   * timeline against its chain.
   *
   * @throws NoSuchElementException when nothing is archived for the incident
   * @throws IncompleteArchiveException when archiving it never finished
   * @throws ArchiveIntegrityException when a file is missing, changed or unreadable
   */
  public ArchivedIncident read(String incidentId) {
    requireSafeId(incidentId);
    String manifestKey = incidentId + "/" + MANIFEST;
    byte[] json =
        store
            .read(manifestKey)
            .orElseThrow(
                () ->
                    store.containsAnyUnder(incidentId)
                        ? new IncompleteArchiveException(
                            store.uri(incidentId)
                                + " has archive files but no "
                                + MANIFEST
                                + ": archiving stopped before it finished, so it is not an archive (archive the incident again)")
                        : new NoSuchElementException(
                            "no archive of incident " + incidentId + " in " + store.uri()));
    ArchiveManifest manifest = ArchiveManifest.fromJson(json, store.uri(manifestKey));
    if (!incidentId.equals(manifest.incidentId())) {
      throw new ArchiveIntegrityException(
          store.uri(manifestKey) + " is the manifest of incident " + manifest.incidentId());
    }
    List<List<byte[]>> perFile = new ArrayList<>();
    for (ArchiveFile file : manifest.files()) {
      perFile.add(readFile(incidentId, file));
    }
    List<LogRecord> records = new ArrayList<>(manifest.order().size());
    int[] next = new int[perFile.size()];
    for (int fileIndex : manifest.order()) {
      if (fileIndex < 0
          || fileIndex >= perFile.size()
          || next[fileIndex] >= perFile.get(fileIndex).size()) {
        throw new ArchiveIntegrityException(
            store.uri(manifestKey) + ": its record order does not match its files");
      }
      records.add(
          new LogRecord(
              manifest.files().get(fileIndex).topic(),
              perFile.get(fileIndex).get(next[fileIndex]++)));
    }
    if (records.size() != manifest.records()) {
      throw new ArchiveIntegrityException(
          store.uri(manifestKey)
              + " counts "
              + manifest.records()
              + " records but its files hold "
              + records.size());
    }
    List<byte[]> timeline =
        records.stream()
            .filter(r -> r.topic().equals(Topics.INCIDENT_TIMELINE))
            .map(LogRecord::value)
            .toList();
    Verification verification = timeline.isEmpty() ? null : verifier.verifyEncoded(timeline);
    if (verification != null
        && verification.ok()
        && manifest.chain() != null
        && manifest.chain().head() != null
        && !manifest.chain().head().equals(headOf(timeline))) {
      throw new ArchiveIntegrityException(
          store.uri(manifestKey)
              + " names chain head "
              + manifest.chain().head()
              + " but the archived timeline is signed over "
              + headOf(timeline));
    }
    return new ArchivedIncident(manifest, List.copyOf(records), verification);
  }

  private List<byte[]> readFile(String incidentId, ArchiveFile file) {
    String key = incidentId + "/" + file.path();
    byte[] bytes =
        store
            .read(key)
            .orElseThrow(
                () ->
                    new ArchiveIntegrityException(
                        store.uri(key) + " is named by the manifest but missing"));
    if (!sha256(bytes).equals(file.sha256())) {
      throw new ArchiveIntegrityException(
          store.uri(key)
              + " was changed: its SHA-256 is "
              + sha256(bytes)
              + ", the manifest says "
              + file.sha256());
    }
    List<byte[]> values = new ArrayList<>(file.records());
    try (DataFileStream<Object> in =
        new DataFileStream<>(
            new ByteArrayInputStream(bytes),
            new GenericDatumReader<>(null, null, GenericData.get()))) {
      Schema schema = in.getSchema();
      long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
      if (!hex(fingerprint).equals(file.fingerprint())) {
        throw new ArchiveIntegrityException(
            store.uri(key)
                + " holds schema "
                + hex(fingerprint)
                + ", the manifest says "
                + file.fingerprint());
      }
      for (Object datum : in) {
        values.add(singleObject(fingerprint, CanonicalEncoding.of((IndexedRecord) datum)));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ArchiveIntegrityException integrity) {
        throw integrity;
      }
      throw new ArchiveIntegrityException(
          store.uri(key) + " is not a readable Avro data file: " + e);
    }
    if (values.size() != file.records()) {
      throw new ArchiveIntegrityException(
          store.uri(key)
              + " holds "
              + values.size()
              + " records, the manifest says "
              + file.records());
    }
    return values;
  }

  private IndexedRecord decode(List<LogRecord> records, int index) {
    LogRecord record = records.get(index);
    try {
      return verifier.decode(record.value());
    } catch (EventDecodingException e) {
      if (record.topic().equals(Topics.INCIDENT_TIMELINE)) {
        throw new BrokenChainException(
            verifier.verifyEncoded(
                records.stream()
                    .filter(r -> r.topic().equals(Topics.INCIDENT_TIMELINE))
                    .map(LogRecord::value)
                    .toList()));
      }
      throw new IllegalArgumentException(
          "record " + index + " (" + record.topic() + ") cannot be read: " + e.getMessage(), e);
    }
  }

  private static ArchiveManifest.Chain chainOf(Verification verification, IndexedRecord last) {
    boolean closed = last != null && INCIDENT_CLOSED.equals(last.getSchema().getFullName());
    return new ArchiveManifest.Chain(
        verification.status().name(),
        closed ? IncidentVerifier.text(last, "chainHead") : null,
        closed ? IncidentVerifier.text(last, "chainSignature") : null,
        closed ? IncidentVerifier.text(last, "signingKeyId") : null,
        verification.summary());
  }

  /** The signed head of a verified timeline: the close's {@code chainHead}. */
  private String headOf(List<byte[]> timeline) {
    IndexedRecord last = verifier.decode(timeline.get(timeline.size() - 1));
    return INCIDENT_CLOSED.equals(last.getSchema().getFullName())
        ? IncidentVerifier.text(last, "chainHead")
        : null;
  }

  private static void requireSafeId(String incidentId) {
    if (incidentId == null || !SAFE_ID.matcher(incidentId).matches() || incidentId.contains("..")) {
      throw new IllegalArgumentException(
          "not an archivable incident id (letters, digits, . _ : -): " + incidentId);
    }
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(HashChain.sha256().digest(bytes));
  }

  private static String hex(long fingerprint) {
    return String.format("%016x", fingerprint);
  }

  private static byte[] singleObject(long fingerprint, byte[] datum) {
    ByteBuffer buffer = ByteBuffer.allocate(10 + datum.length);
    buffer.put((byte) 0xC3).put((byte) 0x01);
    buffer.order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint);
    buffer.put(datum);
    return buffer.array();
  }

  /** The records of one topic written with one schema: one container file. */
  private static final class Group {
    final int index;
    final String topic;
    final Schema schema;
    final long fingerprint;
    final List<byte[]> values = new ArrayList<>();

    Group(int index, String topic, Schema schema, long fingerprint) {
      this.index = index;
      this.topic = topic;
      this.schema = schema;
      this.fingerprint = fingerprint;
    }

    String fileName() {
      return String.format("%02d-%s-%s-%s.avro", index, topic, schema.getName(), hex(fingerprint));
    }

    byte[] containerFile(String incidentId) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (DataFileWriter<Object> writer =
          new DataFileWriter<>(new GenericDatumWriter<>(schema, GenericData.get()))) {
        writer.setCodec(CodecFactory.deflateCodec(6));
        writer.setMeta("dr.topic", topic);
        writer.setMeta("dr.incidentId", incidentId);
        writer.create(schema, out);
        for (byte[] value : values) {
          // the datum exactly as the producer wrote it, after the 10-byte single-object header
          writer.appendEncoded(ByteBuffer.wrap(value, 10, value.length - 10));
        }
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot write the Avro data file of " + topic + " " + schema.getFullName(), e);
      }
      return out.toByteArray();
    }
  }
}
