package io.drautopilot.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    Map<String, Schema> current =
        SchemaCompatibilityGate.parseSources(FIXTURES.resolve("incompatible"));

    List<String> problems =
        SchemaCompatibilityGate.check(
            current, SchemaCompatibilityGate.readHistory(FIXTURES.resolve("history")));

    assertThat(problems).isNotEmpty();
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("io.drautopilot.fixture.Sample v1")
                    .contains("field 'severity'"));
    // a new field without a default cannot be read from old data
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("field 'region'")
                    .contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
  }

  @Test
  void shouldRejectARemovedFieldWithoutDefaultBecauseOldReadersCannotReadNewData() {
    // v1's 'severity' has no default: the new schema still reads v1 data (it skips the field), but
    // a
    // consumer still on v1 finds nothing to put in 'severity' when it reads data written with it
    Map<String, Schema> current =
        SchemaCompatibilityGate.parseSources(FIXTURES.resolve("removed-field"));

    List<String> problems =
        SchemaCompatibilityGate.check(
            current, SchemaCompatibilityGate.readHistory(FIXTURES.resolve("history")));

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "readers on io.drautopilot.fixture.Sample v1 cannot read data written with the current schema")
                    .contains("field 'severity'")
                    .contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
    assertThat(problems)
        .noneSatisfy(
            p -> assertThat(p).contains("the current schema cannot read data written with"));
  }

  @Test
  void shouldAcceptAnAddedOptionalFieldOnceReleased(@TempDir Path history) throws Exception {
    copyHistory(history);
    Map<String, Schema> current =
        SchemaCompatibilityGate.parseSources(FIXTURES.resolve("compatible"));

    assertThat(SchemaCompatibilityGate.check(current, SchemaCompatibilityGate.readHistory(history)))
        .singleElement()
        .asString()
        .contains("changed since v1 but not released");

    assertThat(SchemaCompatibilityGate.release(current, history))
        .containsExactly("io.drautopilot.fixture.Sample/v2.avsc");
    assertThat(SchemaCompatibilityGate.check(current, SchemaCompatibilityGate.readHistory(history)))
        .isEmpty();
    assertThat(Files.readAllLines(history.resolve("index.txt")))
        .contains("io.drautopilot.fixture.Sample/v1.avsc", "io.drautopilot.fixture.Sample/v2.avsc");
  }

  @Test
  void shouldNameTheTypeWhenTheIncompatibilityIsNotInAField() {
    // an enum that loses a symbol: readers on the new version cannot read old data carrying it
    Map<String, Schema> current =
        SchemaCompatibilityGate.parseSources(FIXTURES.resolve("enum-removed-symbol"));

    List<String> problems =
        SchemaCompatibilityGate.check(
            current, SchemaCompatibilityGate.readHistory(FIXTURES.resolve("enum-history")));

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "the current schema cannot read data written with io.drautopilot.fixture.Level v1")
                    .contains("MISSING_ENUM_SYMBOLS")
                    .contains("field 'Level'"));
  }

  @Test
  void shouldParseSchemasThatReferToTypesInFilesReadLater() {
    Map<String, Schema> parsed =
        SchemaCompatibilityGate.parseSources(FIXTURES.resolve("cross-reference"));

    assertThat(parsed)
        .containsOnlyKeys("io.drautopilot.fixture.Envelope", "io.drautopilot.fixture.Payload");
    assertThat(parsed.get("io.drautopilot.fixture.Envelope").getField("payload").schema())
        .isEqualTo(parsed.get("io.drautopilot.fixture.Payload"));
  }

  @Test
  void shouldNameTheFileWhenASchemaRefersToATypeNoFileDefines() {
    assertThatThrownBy(() -> SchemaCompatibilityGate.parseSources(FIXTURES.resolve("unparseable")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Orphan.avsc");
  }

  @Test
  void shouldFailTheBuildListingEveryProblemWhenRunAsTheCheckCommand(@TempDir Path history)
      throws Exception {
    copyHistory(history);
    Output output = new Output();

    assertThatThrownBy(
            () ->
                output.capture(
                    () ->
                        SchemaCompatibilityGate.main(
                            new String[] {
                              "check",
                              FIXTURES.resolve("incompatible").toString(),
                              history.toString()
                            })))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Schema compatibility gate failed")
        .hasMessageContaining("field 'severity'");
    assertThat(output.err)
        .contains("Schema compatibility gate FAILED (")
        .contains("  - io.drautopilot.fixture.Sample v1: ");
    // check never releases, even when the change would be compatible
    assertThat(history.resolve("io.drautopilot.fixture.Sample/v2.avsc")).doesNotExist();
  }

  @Test
  void shouldReleaseOnlyWhatChangedAndThenPassWhenRunAsTheReleaseCommand(@TempDir Path history)
      throws Exception {
    copyHistory(history);
    Output output = new Output();

    output.capture(
        () ->
            SchemaCompatibilityGate.main(
                new String[] {
                  "release", FIXTURES.resolve("compatible").toString(), history.toString()
                }));

    assertThat(output.out)
        .contains("released io.drautopilot.fixture.Sample/v2.avsc")
        .contains("1 schema version(s) released; 1 schemas in all")
        .contains("Schema compatibility gate passed: 1 schemas, full-transitive.");
    assertThat(
            SchemaCompatibilityGate.release(
                SchemaCompatibilityGate.parseSources(FIXTURES.resolve("compatible")), history))
        .isEmpty();
    assertThat(history.resolve("io.drautopilot.fixture.Sample/v3.avsc")).doesNotExist();
    // the index is a file beside the schema directories, not a schema
    assertThat(SchemaCompatibilityGate.readHistory(history))
        .containsOnlyKeys("io.drautopilot.fixture.Sample");
  }

  @Test
  void shouldSeeNoHistoryWhereThereIsNoHistoryDirectory(@TempDir Path dir) {
    assertThat(SchemaCompatibilityGate.readHistory(dir.resolve("none"))).isEmpty();
  }

  @Test
  void shouldPassForTheReleasedContracts() {
    Map<String, Schema> current = SchemaCompatibilityGate.parseSources(Path.of("src/main/avro"));
    Path history = Path.of("src/main/resources/META-INF/dr-autopilot/schema-history");

    assertThat(current).containsKey("io.drautopilot.contracts.incident.IncidentDetected");
    assertThat(SchemaCompatibilityGate.check(current, SchemaCompatibilityGate.readHistory(history)))
        .isEmpty();
  }

  /** What the command-line gate prints: the build log is its only user interface. */
  private static final class Output {
    String out = "";
    String err = "";

    void capture(Runnable command) {
      PrintStream stdout = System.out;
      PrintStream stderr = System.err;
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      ByteArrayOutputStream e = new ByteArrayOutputStream();
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      try {
        command.run();
      } finally {
        System.setOut(stdout);
        System.setErr(stderr);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
      }
    }
  }

  private static void copyHistory(Path target) throws Exception {
    Path dir = target.resolve("io.drautopilot.fixture.Sample");
    Files.createDirectories(dir);
    Files.copy(
        FIXTURES.resolve("history/io.drautopilot.fixture.Sample/v1.avsc"), dir.resolve("v1.avsc"));
  }
}
