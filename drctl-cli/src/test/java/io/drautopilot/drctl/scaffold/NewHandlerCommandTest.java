package io.drautopilot.drctl.scaffold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.drctl.Drctl;
import io.drautopilot.drctl.DrctlException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewHandlerCommandTest {

  @TempDir Path dir;

  @Test
  void shouldNameTheContractsByTheProjectsConventions() {
    HandlerNames n =
        HandlerNames.of("statuspage", "PublishStatusUpdate", null, HandlerNames.Kind.HTTP, 8088);

    assertThat(n.module()).isEqualTo("statuspage-service");
    assertThat(n.command()).isEqualTo("PublishStatusUpdateCommand");
    assertThat(n.result()).isEqualTo("PublishStatusUpdateResult");
    assertThat(n.outcome()).isEqualTo("StatusUpdatePublished");
    assertThat(n.action()).isEqualTo("statuspage.publishStatusUpdate");
    assertThat(n.topic()).isEqualTo("dr.commands.statuspage");
    assertThat(n.topicConstant()).isEqualTo("STATUSPAGE_COMMANDS");
    assertThat(n.kebab()).isEqualTo("publish-status-update");
    assertThat(HandlerNames.defaultOutcome("CreateIncidentBanner"))
        .isEqualTo("IncidentBannerCreated");
    assertThat(HandlerNames.defaultOutcome("NotifyCustomers")).isEqualTo("CustomersNotified");
  }

  @Test
  void shouldRefuseNamesThatCannotBecomeARunbookPrefixOrACommand() {
    assertThatThrownBy(
            () ->
                HandlerNames.of(
                    "status-page", "PublishStatusUpdate", null, HandlerNames.Kind.HTTP, 8088))
        .isInstanceOf(DrctlException.class)
        .hasMessageContaining("one lower-case word");
    assertThatThrownBy(
            () -> HandlerNames.of("statuspage", "publish", null, HandlerNames.Kind.HTTP, 8088))
        .isInstanceOf(DrctlException.class)
        .hasMessageContaining("<Verb><Noun>");
  }

  @Test
  void shouldNameTheFileAndTheAnchorWhenAnAnchorIsGone() {
    AnchoredEdit edit = new AnchoredEdit("docker-compose.yml", "version: 3\n");

    assertThatThrownBy(() -> edit.insertBefore("\nservices:\n", "x"))
        .isInstanceOf(DrctlException.class)
        .hasMessageContaining("docker-compose.yml")
        .hasMessageContaining("anchor not found: '\\nservices:\\n'")
        .hasMessageContaining("Nothing was written");
  }

  @Test
  void shouldFindAJavaAnchorTheFormatterRewrappedAndInsertOnALineOfItsOwn() {
    String formatted =
        "    add(all, NOTIFIER_COMMANDS, FOREVER, CleanupPolicy.DELETE, \"commands\");\n"
            + "    add(\n        all,\n        COMMAND_RESULTS,\n        FOREVER);\n";

    String edited =
        new AnchoredEdit("Topics.java", formatted)
            .insertBefore("    add(all, COMMAND_RESULTS,", "    add(all, NEW);\n")
            .replaceAfter("add(all, COMMAND_RESULTS, FOREVER", ");", ", EXTRA);")
            .text();

    assertThat(edited)
        .isEqualTo(
            "    add(all, NOTIFIER_COMMANDS, FOREVER, CleanupPolicy.DELETE, \"commands\");\n"
                + "    add(all, NEW);\n"
                + "    add(\n        all,\n        COMMAND_RESULTS,\n        FOREVER, EXTRA);\n");
    // whitespace in YAML means something: no loose match there
    assertThatThrownBy(
            () -> new AnchoredEdit("a.yml", "  routes:\n").insertBefore("routes:  \n", "x"))
        .hasMessageContaining("anchor not found");
  }

  @Test
  void shouldRefuseToRunOutsideTheCheckoutRoot() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project><groupId>com.example</groupId></project>");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        Drctl.execute(
            Map.of(),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "new-handler",
            "statuspage",
            "--command",
            "PublishStatusUpdate",
            "--root",
            dir.toString());

    assertThat(code).isEqualTo(DrctlException.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("run new-handler at the root of the DR Autopilot checkout");
    assertThat(Files.list(dir)).hasSize(1);
  }

  @Test
  void shouldRenderOnlyTheSectionsOfTheChosenKind() {
    Map<String, String> vars =
        HandlerNames.of("statuspage", "PublishStatusUpdate", null, HandlerNames.Kind.HTTP, 8088)
            .variables();

    String http = Templates.render("module/pom.xml.tmpl", vars, java.util.Set.of("http"));
    String aws = Templates.render("module/pom.xml.tmpl", vars, java.util.Set.of("aws"));

    assertThat(http)
        .contains("<artifactId>statuspage-service</artifactId>")
        .doesNotContain("aws-support")
        .doesNotContain("{{");
    assertThat(aws).contains("<artifactId>aws-support</artifactId>");
  }
}
