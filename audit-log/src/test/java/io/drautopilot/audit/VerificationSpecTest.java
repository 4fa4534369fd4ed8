package io.drautopilot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.schema.ContractCatalog;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The README's verification spec, followed by hand with plain Avro and the JDK (none of this
 * module's code): an auditor's re-implementation must agree with the hashes the chain carries.
 */
class VerificationSpecTest {

  @Test
  void shouldRecomputeEveryHashFromTheWrittenSpecAlone() throws Exception {
    ChainSigner signer = ChainSigner.of(Ed25519Keys.generate().getPrivate());
    List<byte[]> values = SampleIncident.encode(SampleIncident.chainedTimeline(signer));

    String previous = "";
    for (byte[] value : values) {
      long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      Schema writer = ContractCatalog.shared().findByFingerprint(fingerprint);
      GenericRecord record =
          new GenericDatumReader<GenericRecord>(writer)
              .read(null, DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null));
      GenericRecord link = (GenericRecord) ((GenericRecord) record.get("metadata")).get("chain");
      String stored = link.get("hash").toString();
      assertThat(link.get("previousHash").toString()).isEqualTo(previous);

      link.put("hash", "");
      sortMaps(record);
      ByteArrayOutputStream datum = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(datum, null);
      new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
      encoder.flush();
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(previous.getBytes(StandardCharsets.UTF_8));
      sha256.update(datum.toByteArray());

      assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(stored);
      previous = stored;
    }
  }

  /** The sample's map keys are ASCII, where String order is UTF-8 byte order. */
  private static void sortMaps(Object datum) {
    if (datum instanceof GenericData.Record r) {
      for (Schema.Field f : r.getSchema().getFields()) {
        Object value = r.get(f.pos());
        if (value instanceof Map<?, ?> map) {
          Map<String, Object> sorted = new TreeMap<>();
          map.forEach((k, v) -> sorted.put(k.toString(), v));
          r.put(f.pos(), sorted);
        } else {
          sortMaps(value);
        }
      }
    } else if (datum instanceof List<?> list) {
      list.forEach(VerificationSpecTest::sortMaps);
    }
  }
}
