package io.drautopilot.contracts.codec;

import io.drautopilot.contracts.schema.ContractCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (header {@code C3 01}, the writer schema's CRC-64-AVRO fingerprint,
 * then the binary datum) over the {@link ContractCatalog}.
 *
 * <p>Decoding picks the writer schema by fingerprint and reads into the generated class when one is
 * on the classpath, otherwise into a {@link GenericData.Record} of the latest released version, so
 * a generic consumer (the orchestrator reading a new handler's results) needs no code change.
 * Encoding refuses a schema that was never released: what is written can always be read back.
 */
public final class EventCodec {

  static final byte MAGIC_0 = (byte) 0xC3;
  static final byte MAGIC_1 = (byte) 0x01;
  static final int HEADER = 10;

  static {
    // Avro 1.12 only instantiates SpecificRecord classes from trusted packages.
    if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
      System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.drautopilot");
    }
  }

  private static final EventCodec SHARED = new EventCodec(ContractCatalog.shared());

  /** Generic records hold the same Java types as generated classes (Instant for timestamp-millis). */
  public static final GenericData GENERIC = genericData();

  private static GenericData genericData() {
    GenericData data = new GenericData();
    data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    data.addLogicalTypeConversion(new TimeConversions.DateConversion());
    return data;
  }

  private final ContractCatalog catalog;
  private final Map<Schema, DatumWriter<IndexedRecord>> writers = new ConcurrentHashMap<>();
  private final Map<Schema, Long> fingerprints = new ConcurrentHashMap<>();
  private final Map<Long, DatumReader<Object>> readers = new ConcurrentHashMap<>();

  public EventCodec(ContractCatalog catalog) {
    this.catalog = catalog;
  }

  public static EventCodec shared() {
    return SHARED;
  }

  public ContractCatalog catalog() {
    return catalog;
  }

  public byte[] encode(IndexedRecord record) {
    Schema schema = record.getSchema();
    long fingerprint =
        fingerprints.computeIfAbsent(
            schema,
            s -> {
              if (!catalog.isReleased(s)) {
                throw new IllegalArgumentException(
                    "refusing to write "
                        + s.getFullName()
                        + ": its schema is not a released contract version (see schemas/README.md)");
              }
              return SchemaNormalization.parsingFingerprint64(s);
            });
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(MAGIC_0);
    out.write(MAGIC_1);
    byte[] fp = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array();
    out.write(fp, 0, fp.length);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writers.computeIfAbsent(schema, EventCodec::writerFor).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + schema.getFullName(), e);
    }
    return out.toByteArray();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static DatumWriter<IndexedRecord> writerFor(Schema schema) {
    Class<?> generated = SpecificData.get().getClass(schema);
    return generated != null && SpecificRecord.class.isAssignableFrom(generated)
        ? (DatumWriter) new SpecificDatumWriter<>(schema)
        : (DatumWriter) new GenericDatumWriter<>(schema, GENERIC);
  }

  /** Fingerprint of the writer schema in a single-object encoded payload. */
  public static long fingerprintOf(byte[] payload) {
    if (payload == null
        || payload.length < HEADER
        || payload[0] != MAGIC_0
        || payload[1] != MAGIC_1) {
      throw new EventDecodingException(
          "not Avro single-object encoding: "
              + (payload == null
                  ? "null payload"
                  : "missing C3 01 header (" + payload.length + " bytes)"));
    }
    return ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /** The generated class instance, or a generic record when no class for that schema is on the classpath. */
  public Object decode(byte[] payload) {
    long fingerprint = fingerprintOf(payload);
    DatumReader<Object> reader = readers.computeIfAbsent(fingerprint, this::readerFor);
    BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(payload, HEADER, payload.length - HEADER, null);
    try {
      Object value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new EventDecodingException("trailing bytes after the record: corrupt payload");
      }
      return value;
    } catch (IOException
        | AvroRuntimeException
        | IndexOutOfBoundsException
        | ClassCastException e) {
      throw new EventDecodingException(
          "corrupt Avro payload for schema fingerprint " + Long.toHexString(fingerprint) + ": " + e,
          e);
    }
  }

  public <T> T decode(byte[] payload, Class<T> type) {
    Object value = decode(payload);
    if (!type.isInstance(value)) {
      throw new EventDecodingException(
          "expected "
              + type.getName()
              + " but the payload is "
              + ((IndexedRecord) value).getSchema().getFullName());
    }
    return type.cast(value);
  }

  private DatumReader<Object> readerFor(long fingerprint) {
    Schema writer = catalog.findByFingerprint(fingerprint);
    if (writer == null) {
      throw new UnknownSchemaException(
          "unknown schema fingerprint "
              + Long.toHexString(fingerprint)
              + ": the writer used a schema that is in no released contract version on this classpath");
    }
    Class<?> generated = SpecificData.get().getClass(writer);
    if (generated != null && SpecificRecord.class.isAssignableFrom(generated)) {
      Schema reader = SpecificData.get().getSchema(generated);
      return new SpecificDatumReader<>(writer, reader);
    }
    Schema reader = catalog.latest(writer.getFullName()).orElse(writer);
    return new GenericDatumReader<>(writer, reader, GENERIC);
  }
}
