package io.drautopilot.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.schema.ContractCatalog;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private final EventCodec codec = EventCodec.shared();

  static IncidentDetected incident() {
    Instant now = Instant.parse("2026-01-15T10:30:00.123Z");
    return IncidentDetected.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId("e-1")
                .setIncidentId("inc-1")
                .setCorrelationId("inc-1")
                .setOccurredAt(now)
                .setProducer("test")
                .build())
        .setFingerprint("TABLE_CORRUPTION:us-east-1:entities")
        .setScenario(Scenario.TABLE_CORRUPTION)
        .setSeverity(Severity.P1)
        .setRegion("us-east-1")
        .setAffectedResources(List.of("entities"))
        .setSymptoms(
            List.of(
                Evidence.newBuilder()
                    .setSignal("integrity-sample")
                    .setDetail("12 of 1000 invalid")
                    .setObservedAt(now)
                    .build()))
        .setImpactStartedAt(now.minusSeconds(60))
        .setDetectedAt(now)
        .setDetectorId("detector-1")
        .build();
  }

  @Test
  void shouldRoundTripAGeneratedRecordWithTheSingleObjectHeader() {
    byte[] bytes = codec.encode(incident());

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(codec.decode(bytes)).isEqualTo(incident());
  }

  @Test
  void shouldDecodeIntoAGenericRecordWhenTheReaderHasNoClass() {
    ContractCatalog catalog = ContractCatalog.shared();
    Schema schema = catalog.latestBySimpleName("IncidentDetected").orElseThrow();
    GenericRecord generic = (GenericRecord) GenericData.get().deepCopy(schema, incident());

    byte[] bytes = codec.encode(generic);

    assertThat(codec.decode(bytes, IncidentDetected.class).getFingerprint())
        .isEqualTo("TABLE_CORRUPTION:us-east-1:entities");
  }

  @Test
  void shouldRejectUnknownFingerprintAndRandomBytesWithAReason() {
    byte[] bytes = codec.encode(incident());
    bytes[5] ^= 0x5A;

    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessageContaining("unknown schema fingerprint");
    assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("missing C3 01 header");
  }

  @Test
  void shouldRefuseToWriteAnUnreleasedSchema() {
    Schema unreleased =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Unreleased\",\"namespace\":\"io.drautopilot.x\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    GenericRecord record = new GenericData.Record(unreleased);
    record.put("a", "b");

    assertThatThrownBy(() -> codec.encode(record))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a released contract version");
  }
}
