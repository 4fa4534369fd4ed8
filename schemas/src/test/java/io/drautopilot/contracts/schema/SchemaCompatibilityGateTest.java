package io.drautopilot.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCompatibilityGateTest {

  private static final Path FIXTURES = Path.of("src/test/resources/gate-fixtures");

  @Test
  void shouldRejectAnIncompatibleChangeNamingSchemaVersionAndField() {
    Map<String, Schema> current = SchemaCompatibilityGate.parseSources(FIXTURES.resolve("incompatible"));

    List<String> problems = SchemaCompatibilityGate.check(current, SchemaCompatibilityGate.readHistory(FIXTURES.resolve("history")));

    assertThat(problems).isNotEmpty();
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("io.drautopilot.fixture.Sample v1").contains("field 'severity'"));
    // a new field without a default cannot be read from old data
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("field 'region'").contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
  }

  @Test
  void shouldRejectARemovedFieldWithoutDefaultBecauseOldReadersCannotReadNewData() {
    // v1's 'severity' has no default: the new schema still reads v1 data (it skips the field), but a
    // consumer still on v1 finds nothing to put in 'severity' when it reads data written with it
    Map<String, Schema> current = SchemaCompatibilityGate.parseSources(FIXTURES.resolve("removed-field"));

    List<String> problems = SchemaCompatibilityGate.check(current, SchemaCompatibilityGate.readHistory(FIXTURES.resolve("history")));

    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("readers on io.drautopilot.fixture.Sample v1 cannot read data written with the current schema")
        .contains("field 'severity'")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
    assertThat(problems).noneSatisfy(p -> assertThat(p).contains("the current schema cannot read data written with"));
  }

  @Test
  void shouldAcceptAnAddedOptionalFieldOnceReleased(@TempDir Path history) throws Exception {
    copyHistory(history);
    Map<String, Schema> current = SchemaCompatibilityGate.parseSources(FIXTURES.resolve("compatible"));

    assertThat(SchemaCompatibilityGate.check(current, SchemaCompatibilityGate.readHistory(history)))
        .singleElement().asString().contains("changed since v1 but not released");

    assertThat(SchemaCompatibilityGate.release(current, history)).containsExactly("io.drautopilot.fixture.Sample/v2.avsc");
    assertThat(SchemaCompatibilityGate.check(current, SchemaCompatibilityGate.readHistory(history))).isEmpty();
    assertThat(Files.readAllLines(history.resolve("index.txt")))
        .contains("io.drautopilot.fixture.Sample/v1.avsc", "io.drautopilot.fixture.Sample/v2.avsc");
  }

  @Test
  void shouldPassForTheReleasedContracts() {
    Map<String, Schema> current = SchemaCompatibilityGate.parseSources(Path.of("src/main/avro"));
    Path history = Path.of("src/main/resources/META-INF/dr-autopilot/schema-history");

    assertThat(current).containsKey("io.drautopilot.contracts.incident.IncidentDetected");
    assertThat(SchemaCompatibilityGate.check(current, SchemaCompatibilityGate.readHistory(history))).isEmpty();
  }

  private static void copyHistory(Path target) throws Exception {
    Path dir = target.resolve("io.drautopilot.fixture.Sample");
    Files.createDirectories(dir);
    Files.copy(FIXTURES.resolve("history/io.drautopilot.fixture.Sample/v1.avsc"), dir.resolve("v1.avsc"));
  }
}
