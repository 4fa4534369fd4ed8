package io.drautopilot.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro binary encoding of a record with its own schema, made canonical: map entries are
 * written in one block, ordered by the unsigned bytes of their UTF-8 keys. Avro leaves map order to
 * the writer, and a map decoded and written again comes out in another order, so without this a
 * record read back from Kafka or an archive would hash differently from the record the
 * orchestrator hashed.
 */
final class CanonicalEncoding {

  private CanonicalEncoding() {}

  static byte[] of(IndexedRecord record) {
    Schema schema = record.getSchema();
    DatumWriter<IndexedRecord> writer =
        record instanceof SpecificRecord
            ? new SortedSpecificWriter(schema, SpecificData.getForClass(record.getClass()))
            : new SortedGenericWriter(schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + schema.getFullName(), e);
    }
    return out.toByteArray();
  }

  static Iterable<Map.Entry<Object, Object>> sorted(Map<?, ?> map) {
    List<Map.Entry<Object, Object>> entries = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> e : map.entrySet()) {
      entries.add(Map.entry(e.getKey(), e.getValue()));
    }
    entries.sort((a, b) -> Arrays.compareUnsigned(utf8(a.getKey()), utf8(b.getKey())));
    return entries;
  }

  private static byte[] utf8(Object key) {
    return key.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static final class SortedSpecificWriter extends SpecificDatumWriter<IndexedRecord> {
    SortedSpecificWriter(Schema schema, SpecificData data) {
      super(schema, data);
    }

    @Override
    protected Iterable<Map.Entry<Object, Object>> getMapEntries(Object map) {
      return sorted((Map<?, ?>) map);
    }
  }

  private static final class SortedGenericWriter extends GenericDatumWriter<IndexedRecord> {
    SortedGenericWriter(Schema schema) {
      super(schema, GenericData.get());
    }

    @Override
    protected Iterable<Map.Entry<Object, Object>> getMapEntries(Object map) {
      return sorted((Map<?, ?>) map);
    }
  }
}
