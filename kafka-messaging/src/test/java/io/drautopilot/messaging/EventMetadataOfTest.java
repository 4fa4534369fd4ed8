package io.drautopilot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.EventMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class EventMetadataOfTest {

  @Test
  void shouldReadTheMetadataOfAGenericRecordWrittenWithAnOlderEventMetadata() throws IOException {
    // a handler's result written before EventMetadata gained its chain link
    Schema v1 = released("v1.avsc");
    GenericRecord metadata = new GenericData.Record(v1);
    metadata.put("eventId", "e-1");
    metadata.put("incidentId", "inc-1");
    metadata.put("correlationId", "c-1");
    metadata.put("occurredAt", 1_705_314_600_000L);
    metadata.put("producer", "old-handler");
    metadata.put("attempt", 2);
    Schema result =
        SchemaBuilder.record("QuarantineUserResult")
            .namespace("io.drautopilot.testhandler")
            .fields()
            .name("metadata")
            .type(v1)
            .noDefault()
            .endRecord();
    GenericRecord record = new GenericData.Record(result);
    record.put("metadata", metadata);

    EventMetadata m = EventPublisher.metadataOf(record);

    assertThat(m.getEventId()).isEqualTo("e-1");
    assertThat(m.getOccurredAt()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat(m.getAttempt()).isEqualTo(2);
    assertThat(m.getChain()).isNull();
  }

  private static Schema released(String version) throws IOException {
    try (InputStream in =
        EventMetadataOfTest.class.getResourceAsStream(
            "/META-INF/dr-autopilot/schema-history/io.drautopilot.contracts.common.EventMetadata/"
                + version)) {
      return new Schema.Parser().parse(in);
    }
  }
}
