package io.drautopilot.drctl;

import io.drautopilot.audit.ArchiveIntegrityException;
import io.drautopilot.audit.ArchiveStore;
import io.drautopilot.audit.ArchivedIncident;
import io.drautopilot.audit.ChainVerifier;
import io.drautopilot.audit.IncidentArchive;
import io.drautopilot.audit.IncidentVerifier;
import io.drautopilot.audit.IncompleteArchiveException;
import io.drautopilot.audit.LogRecord;
import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.AwsProperties;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.snapshots.SnapshotS3Clients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.avro.generic.IndexedRecord;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every record about one incident, from the topics or from its archive, in log order. A record
 * belongs to the incident when its key is the incident id or its {@code metadata.incidentId} is;
 * a record that does not decode is kept when its key says it is the incident's (so verification
 * can name it) and otherwise counted and reported as skipped.
 */
public final class IncidentRecords {

  /** Where an incident's records are: the orchestrator's inputs and outputs, the handlers' answers. */
  public static final List<String> TOPICS =
      List.of(
          Topics.INCIDENTS_DETECTED,
          Topics.INCIDENT_TIMELINE,
          Topics.OPERATOR_ACTIONS,
          Topics.RESTORE_COMMANDS,
          Topics.VALIDATION_COMMANDS,
          Topics.NOTIFIER_COMMANDS,
          Topics.CONTAINMENT_COMMANDS,
          Topics.COMMAND_RESULTS,
          Topics.COMMAND_PROGRESS,
          Topics.NOTIFICATION_DELIVERIES);

  /** One record of the incident: its topic, where it was read, its timestamp and Kafka key, its value. */
  public record Rec(String topic, String where, long timestamp, String key, byte[] value) {
    public LogRecord logRecord() {
      return new LogRecord(topic, value);
    }

    public boolean timeline() {
      return topic.equals(Topics.INCIDENT_TIMELINE);
    }
  }

  private IncidentRecords() {}

  /** The incident's records on {@code topics}, per topic in offset order, across topics by record timestamp. */
  public static List<Rec> fromKafka(
      KafkaLog log,
      String incidentId,
      List<String> topics,
      java.util.function.Consumer<String> warn) {
    return fromEntries(log.readAll(topics), incidentId, warn);
  }

  /** The incident's records among entries already read (several incidents from one read of the topics). */
  public static List<Rec> fromEntries(
      List<KafkaLog.Entry> entries, String incidentId, java.util.function.Consumer<String> warn) {
    Map<String, Integer> skipped = new LinkedHashMap<>();
    Map<String, String> firstSkipped = new LinkedHashMap<>();
    List<Rec> records = new ArrayList<>();
    for (KafkaLog.Entry e : entries) {
      if (e.topic().equals(Topics.CLOCK_TICKS)) {
        continue;
      }
      boolean byKey = incidentId.equals(e.key());
      boolean belongs = byKey;
      if (!byKey) {
        try {
          belongs = incidentId.equals(incidentOf(e.value()));
        } catch (RuntimeException undecodable) {
          skipped.merge(e.topic(), 1, Integer::sum);
          firstSkipped.putIfAbsent(e.topic(), e.where() + ": " + Drctl.oneLine(undecodable));
        }
      }
      if (belongs) {
        records.add(new Rec(e.topic(), e.where(), e.timestamp(), e.key(), e.value()));
      }
    }
    joinedDetections(entries, records);
    skipped.forEach(
        (topic, n) ->
            warn.accept(
                "skipped "
                    + n
                    + " record(s) of "
                    + topic
                    + " that do not decode, first at "
                    + firstSkipped.get(topic)));
    // per topic the offsets are already in order; a stable sort by timestamp interleaves the topics
    records.sort(Comparator.comparingLong(Rec::timestamp));
    return records;
  }

  /**
   * A detection that joined the open incident carries the detector's own incident id and the fingerprint as its key:
   * it is the incident's because the incident's timeline names its event id ({@code IncidentOpened},
   * {@code IncidentSignalJoined}).
   */
  private static void joinedDetections(List<KafkaLog.Entry> entries, List<Rec> records) {
    java.util.Set<String> named = new java.util.HashSet<>();
    java.util.Set<String> have = new java.util.HashSet<>();
    for (Rec r : records) {
      try {
        IndexedRecord decoded = decode(r.value());
        if (r.timeline() && decoded.getSchema().getField("detectorEventId") != null) {
          named.add(
              String.valueOf(decoded.get(decoded.getSchema().getField("detectorEventId").pos())));
        } else if (r.topic().equals(Topics.INCIDENTS_DETECTED)) {
          have.add(String.valueOf(metadata(decoded).get("eventId")));
        }
      } catch (RuntimeException undecodable) {
        // verification names it
      }
    }
    named.removeAll(have);
    if (named.isEmpty()) {
      return;
    }
    for (KafkaLog.Entry e : entries) {
      if (e.topic().equals(Topics.INCIDENTS_DETECTED)) {
        try {
          if (named.contains(String.valueOf(metadata(decode(e.value())).get("eventId")))) {
            records.add(new Rec(e.topic(), e.where(), e.timestamp(), e.key(), e.value()));
          }
        } catch (RuntimeException undecodable) {
          // counted above when it could be the incident's
        }
      }
    }
  }

  /** The incident's archive in a directory or {@code s3://bucket/prefix}, read back and checked against its manifest. */
  public static ArchivedIncident fromArchive(
      Settings settings, String location, String incidentId, ChainVerifier keys) {
    if (!location.startsWith("s3://") && !Files.isDirectory(Path.of(location))) {
      throw DrctlException.usage(
          "archive location " + location + " is not a directory (or give s3://bucket/prefix)");
    }
    IncidentArchive archive =
        new IncidentArchive(
            store(settings, location), new IncidentVerifier(keys), Clock.systemUTC());
    try {
      return archive.read(incidentId);
    } catch (NoSuchElementException e) {
      throw DrctlException.usage(e.getMessage());
    } catch (IncompleteArchiveException | ArchiveIntegrityException e) {
      throw new DrctlException(DrctlException.NEGATIVE, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw DrctlException.usage(e.getMessage());
    } catch (SdkException e) {
      throw DrctlException.unreachable(
          "cannot read the archive at " + location + ": " + Drctl.oneLine(e), e);
    }
  }

  /** The archive's records as {@link Rec}s, in the archive's log order. */
  public static List<Rec> of(ArchivedIncident archived, String location) {
    List<Rec> records = new ArrayList<>();
    int i = 0;
    for (LogRecord r : archived.records()) {
      long at;
      try {
        at = metadataTime(r.value());
      } catch (RuntimeException e) {
        at = 0;
      }
      records.add(
          new Rec(
              r.topic(),
              location + " record " + i++,
              at,
              archived.manifest().incidentId(),
              r.value()));
    }
    return records;
  }

  public static ArchiveStore store(Settings settings, String location) {
    return ArchiveStore.at(
        location,
        () -> {
          AwsProperties aws = new AwsProperties();
          aws.setRegion(first(settings.optional("aws.region", "AWS_REGION"), "us-east-1"));
          String endpoint = settings.optional("aws.endpoint.s3", "DRCTL_S3_ENDPOINT");
          if (endpoint != null) {
            aws.getEndpoints().put("s3", endpoint);
          }
          return SnapshotS3Clients.create(new AwsClientFactory(aws), null);
        });
  }

  /** The {@code metadata.incidentId} of an encoded record. */
  public static String incidentOf(byte[] value) {
    return String.valueOf(metadata(decode(value)).get("incidentId"));
  }

  public static long metadataTime(byte[] value) {
    return millis(metadata(decode(value)).get("occurredAt"));
  }

  /** A timestamp-millis field, whether decoded as an Instant or as a number. */
  public static long millis(Object at) {
    return at instanceof java.time.Instant i ? i.toEpochMilli() : ((Number) at).longValue();
  }

  public static IndexedRecord decode(byte[] value) {
    return (IndexedRecord) EventCodec.shared().decode(value);
  }

  public static org.apache.avro.generic.GenericRecord metadata(IndexedRecord record) {
    org.apache.avro.Schema.Field f = record.getSchema().getField("metadata");
    if (f == null) {
      throw new IllegalArgumentException(record.getSchema().getName() + " has no metadata");
    }
    return (org.apache.avro.generic.GenericRecord) record.get(f.pos());
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }
}
