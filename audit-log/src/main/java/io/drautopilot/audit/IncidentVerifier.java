package io.drautopilot.audit;

import io.drautopilot.audit.Verification.BrokenLink;
import io.drautopilot.audit.Verification.Status;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.codec.EventDecodingException;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.contracts.timeline.IncidentClosed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Checks an incident's timeline records, in log order, against their hash chain and the signed
 * chain head, and names the first link that does not hold. Records without a link (the log as it
 * was before chaining) read as unchained, not broken; a chain may start after such records, at an
 * empty {@code previousHash}, but once it has started every record must carry a link.
 *
 * <p>Give it the records as they were written: {@link #verifyEncoded} takes Kafka values (Avro
 * single-object encoding) and reads each with its own writer schema, which stays exact across
 * schema versions; {@link #verify} takes records already decoded, which is exact only when they
 * were decoded into the schema they were written with.
 */
public final class IncidentVerifier {

  private static final String INCIDENT_CLOSED = IncidentClosed.getClassSchema().getFullName();

  private final ChainVerifier keys;
  private final ContractCatalog catalog;

  public IncidentVerifier(ChainVerifier keys, ContractCatalog catalog) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  public IncidentVerifier(ChainVerifier keys) {
    this(keys, ContractCatalog.shared());
  }

  /** Verifies Kafka values of {@code dr.incidents.timeline} for one incident, in log order. */
  public Verification verifyEncoded(List<byte[]> values) {
    List<IndexedRecord> records = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      try {
        records.add(decode(values.get(i)));
      } catch (EventDecodingException e) {
        return run(
            records, new BrokenLink(i, null, "the record cannot be read: " + e.getMessage()));
      }
    }
    return run(records, null);
  }

  /** Verifies decoded timeline records of one incident, in log order. */
  public Verification verify(List<? extends IndexedRecord> records) {
    return run(records, null);
  }

  /** Reads a single-object encoded value with its writer schema, as plain generic data. */
  IndexedRecord decode(byte[] value) {
    long fingerprint = EventCodec.fingerprintOf(value);
    Schema writer = catalog.findByFingerprint(fingerprint);
    if (writer == null) {
      throw new EventDecodingException(
          "unknown schema fingerprint " + Long.toHexString(fingerprint));
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null);
    try {
      IndexedRecord record =
          (IndexedRecord)
              new GenericDatumReader<>(writer, writer, GenericData.get()).read(null, decoder);
      if (!decoder.isEnd()) {
        throw new EventDecodingException("trailing bytes after the record");
      }
      return record;
    } catch (IOException
        | AvroRuntimeException
        | IndexOutOfBoundsException
        | ClassCastException e) {
      throw new EventDecodingException("corrupt " + writer.getFullName() + ": " + e, e);
    }
  }

  private Verification run(List<? extends IndexedRecord> records, BrokenLink unreadable) {
    if (records.isEmpty() && unreadable == null) {
      throw new IllegalArgumentException("no timeline records to verify");
    }
    Walk walk = new Walk();
    for (int i = 0; i < records.size(); i++) {
      BrokenLink broken = walk.step(i, records.get(i));
      if (broken != null) {
        return walk.result(Status.BROKEN, broken);
      }
    }
    if (unreadable != null) {
      return walk.result(Status.BROKEN, unreadable);
    }
    if (walk.chained == 0) {
      return walk.result(Status.UNCHAINED, null);
    }
    return walk.result(walk.signingKeyId != null ? Status.VERIFIED : Status.INTACT_OPEN, null);
  }

  /** The state of one pass over the records. */
  private final class Walk {
    String incidentId;
    String expectedPrevious;
    final Map<String, Integer> seenHashes = new HashMap<>();
    int records;
    int unchained;
    int chained;
    boolean closed;
    String signingKeyId;

    BrokenLink step(int index, IndexedRecord record) {
      records++;
      IndexedRecord metadata;
      try {
        metadata = HashChain.metadataRecord(record);
      } catch (IllegalArgumentException e) {
        return new BrokenLink(index, null, e.getMessage());
      }
      String eventId = text(metadata, "eventId");
      String incident = text(metadata, "incidentId");
      if (incidentId == null) {
        incidentId = incident;
      } else if (!incidentId.equals(incident)) {
        return new BrokenLink(
            index, eventId, "the record belongs to incident " + incident + ", not " + incidentId);
      }
      if (closed) {
        return new BrokenLink(
            index,
            eventId,
            "the record follows IncidentClosed, after which nothing may be written");
      }
      boolean isClose = INCIDENT_CLOSED.equals(record.getSchema().getFullName());
      IndexedRecord link = HashChain.chainOf(metadata);
      if (link == null) {
        if (expectedPrevious != null) {
          return new BrokenLink(
              index,
              eventId,
              "the record carries no chain link although the chain started before it"
                  + " (its link was removed)");
        }
        unchained++;
        closed = isClose;
        return null;
      }
      String previous = text(link, "previousHash");
      String hash = text(link, "hash");
      if (expectedPrevious == null && !previous.isEmpty()) {
        return new BrokenLink(
            index,
            eventId,
            "the first chained record links to previous hash "
                + previous
                + ", which no record before it has: the incident's first records are missing");
      }
      if (expectedPrevious != null && !previous.equals(expectedPrevious)) {
        Integer earlier = seenHashes.get(previous);
        String why =
            earlier != null
                ? "which is the hash of record "
                    + earlier
                    + ": the records after it, up to this one, were inserted or moved"
                : "which no record before it has: a record before this one is missing or the records were reordered";
        return new BrokenLink(
            index,
            eventId,
            "the record links to previous hash "
                + previous
                + " but the previous record's"
                + " hash is "
                + expectedPrevious
                + ", "
                + why);
      }
      String computed;
      try {
        computed = HashChain.hashOf(record, previous);
      } catch (RuntimeException e) {
        return new BrokenLink(index, eventId, "the record cannot be hashed: " + e.getMessage());
      }
      if (!computed.equals(hash)) {
        return new BrokenLink(
            index,
            eventId,
            "the record's content does not match its hash (stored "
                + hash
                + ", computed "
                + computed
                + "): it was changed after it was written");
      }
      if (isClose) {
        BrokenLink unsigned = checkSignature(index, eventId, record, previous);
        if (unsigned != null) {
          return unsigned;
        }
        closed = true;
      }
      seenHashes.put(hash, index);
      expectedPrevious = hash;
      chained++;
      return null;
    }

    BrokenLink checkSignature(
        int index, String eventId, IndexedRecord closedRecord, String previous) {
      String head = text(closedRecord, "chainHead");
      if (head == null) {
        return new BrokenLink(index, eventId, "IncidentClosed carries no signed chain head");
      }
      if (!head.equals(previous)) {
        return new BrokenLink(
            index,
            eventId,
            "IncidentClosed signs chain head "
                + head
                + " but the previous record's hash is "
                + previous);
      }
      String keyId = text(closedRecord, "signingKeyId");
      var problem = keys.check(head, text(closedRecord, "chainSignature"), keyId);
      if (problem.isPresent()) {
        return new BrokenLink(
            index, eventId, "the chain head's signature does not verify: " + problem.get());
      }
      signingKeyId = keyId;
      return null;
    }

    Verification result(Status status, BrokenLink broken) {
      return new Verification(
          status,
          incidentId,
          records,
          unchained,
          status == Status.BROKEN || chained == 0 ? null : expectedPrevious,
          signingKeyId,
          broken);
    }
  }

  /** A field of a decoded record as text; null when the record's schema has no such field or it is unset. */
  static String text(IndexedRecord record, String field) {
    Schema.Field f = record.getSchema().getField(field);
    Object value = f == null ? null : record.get(f.pos());
    return value == null ? null : value.toString();
  }
}
