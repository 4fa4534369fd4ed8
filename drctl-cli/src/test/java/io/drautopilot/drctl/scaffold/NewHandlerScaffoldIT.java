package io.drautopilot.drctl.scaffold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drautopilot.drctl.Drctl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scaffold as a contributor uses it: a copy of the checkout's committed files, {@code new-handler statuspage},
 * then an offline build of what the new handler touches, running the generated tests and the checks that read
 * the edited files (topic files, compose, Kubernetes, IAM policies, the orchestrator's runbook tests with the new
 * route). Skipped, with the reason, where git, the wrapper or the offline artifacts are missing.
 */
class NewHandlerScaffoldIT {

  static final String MODULES =
      "schemas,kafka-messaging,local-stack,test-support,statuspage-service,orchestrator-service,deploy-verification,sandbox";
  static final String UNIT_TESTS =
      "TableCorruptionRunbookTest,EscalationPropertiesTest,DockerComposeTest,IamPolicyTest,"
          + "KustomizeOverlaysTest#shouldRenderEveryWorkload*+shouldAnnotateEveryServiceAccount*+shouldGuardEveryService*"
          + "+shouldDenyAllTraffic*+shouldReferenceOnlyConfigMaps*,"
          + "DeployedServicesTest#shouldGiveEveryServiceItsOwnKubernetesManifestAndPolicyDocument+shouldExposeThePortEachServiceListensOn";

  /** Run when the committed topic files match the catalog before the scaffold (else they were red already). */
  static final String TOPIC_TESTS =
      ",TopicCatalogFilesTest,KustomizeOverlaysTest#shouldRenderTopicsEqualToTheCatalog";

  /** Run when every *-service module of the root pom is deployed before the scaffold. */
  static final String SERVICE_LIST_TEST =
      ",DeployedServicesTest#shouldDeployEveryServiceModuleOfTheBuild";

  static final String ITS = "StatuspageApplicationIT,PublishStatusUpdateCommandIT";

  Path copy;

  @AfterEach
  void removeCopy() throws IOException {
    if (copy != null) {
      try (Stream<Path> files = Files.walk(copy)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void shouldLeaveTheBuildGreenAfterAddingAnHttpHandler() throws Exception {
    Path root = checkoutRoot();
    assumeTrue(
        root != null && Files.isExecutable(root.resolve("mvnw")),
        "no checkout with ./mvnw above " + Path.of("").toAbsolutePath());
    Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "drautopilot");
    assumeTrue(
        Files.isDirectory(m2.resolve("restore-service"))
            && Files.isDirectory(m2.resolve("aws-support")),
        "the project's artifacts are not in ~/.m2 (run ./mvnw install -DskipTests once): the offline build cannot resolve them");

    // given a copy of the committed files
    copy = Files.createTempDirectory("drctl-scaffold-it");
    Result archive =
        run(
            root,
            List.of("sh", "-c", "git archive --format=tar HEAD | tar -x -C '" + copy + "'"),
            2);
    assumeTrue(archive.code == 0, "cannot copy the checkout with git archive: " + archive.output);

    // checks that were red before the scaffold (another change in progress) would say nothing about
    // it
    String tests = UNIT_TESTS;
    if (topicFilesMatchTheCatalog(copy)) {
      tests += TOPIC_TESTS;
    } else {
      System.out.println(
          "NewHandlerScaffoldIT: the committed topic files do not match Topics.ALL before the scaffold "
              + "(regenerate them); TopicCatalogFilesTest is left out, the new topic's lines are checked here");
    }
    if (everyServiceModuleDeployed(copy)) {
      tests += SERVICE_LIST_TEST;
    } else {
      System.out.println(
          "NewHandlerScaffoldIT: a *-service module of pom.xml is missing from DrServices.ALL before the "
              + "scaffold; the new module's entry is checked here instead");
    }

    // when
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Drctl.execute(
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            "new-handler",
            "statuspage",
            "--command",
            "PublishStatusUpdate",
            "--http",
            "--root",
            copy.toString());

    // then it says what it did
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed)
        .contains(
            "statuspage-service/pom.xml",
            "schemas/src/main/java/io/drautopilot/contracts/Topics.java",
            "orchestrator-service/src/main/resources/application.yml",
            "k8s/base/statuspage-service.yaml",
            "deploy/kafka/create-topics.sh",
            "sandbox/src/main/java/io/drautopilot/sandbox/SandboxServices.java",
            "Next steps",
            "action: statuspage.publishStatusUpdate");
    assertThat(
            Files.readString(
                copy.resolve(
                    "deploy-verification/src/test/java/io/drautopilot/deploy/DrServices.java")))
        .contains("new DrService(\"statuspage-service\", ");
    assertThat(Files.readString(copy.resolve("pom.xml")))
        .contains("<module>statuspage-service</module>");
    assertThat(Files.readString(copy.resolve("deploy/kafka/create-topics.sh")))
        .contains(
            "# commands for statuspage-service\ncreate dr.commands.statuspage 3 -1 delete\n"
                + "# dead letters of dr.commands.statuspage, with the reason in headers\ncreate dr.commands.statuspage.dlt 1 -1 delete\n");
    assertThat(Files.readString(copy.resolve("k8s/base/kafka-topics.yaml")))
        .contains(
            "  topicName: dr.commands.statuspage\n  partitions: 3\n",
            "  topicName: dr.commands.statuspage.dlt\n  partitions: 1\n");

    // and a second run refuses, changing nothing
    int again =
        Drctl.execute(
            Map.of(),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()),
            "new-handler",
            "statuspage",
            "--command",
            "PublishStatusUpdate",
            "--root",
            copy.toString());
    assertThat(again).isEqualTo(2);

    // and the build is green: the generated tests, the orchestrator's with the new route, the
    // deployment checks
    Result build =
        run(
            copy,
            List.of(
                "./mvnw",
                "-B",
                "-q",
                "-o",
                "verify",
                "-pl",
                MODULES,
                "-Dtest=" + tests,
                "-Dit.test=" + ITS,
                "-Dsurefire.failIfNoSpecifiedTests=false",
                "-Dfailsafe.failIfNoSpecifiedTests=false",
                "-Dspotless.check.skip=true",
                "-Djacoco.skip=true"),
            9);
    assertThat(build.code)
        .as("offline build of the scaffolded copy:%n%s", tail(build.output, 150))
        .isZero();
    assertThat(reports(copy.resolve("statuspage-service/target/failsafe-reports")))
        .as("the generated tests ran")
        .contains("StatuspageApplicationIT", "PublishStatusUpdateCommandIT");
  }

  static boolean topicFilesMatchTheCatalog(Path root) throws IOException {
    long declared =
        Files.readString(root.resolve("schemas/src/main/java/io/drautopilot/contracts/Topics.java"))
            .lines()
            .filter(l -> l.strip().startsWith("add(all, ") || l.strip().equals("add("))
            .count();
    long created =
        Files.readString(root.resolve("deploy/kafka/create-topics.sh"))
            .lines()
            .filter(l -> l.startsWith("create "))
            .count();
    return created == 2 * declared;
  }

  static boolean everyServiceModuleDeployed(Path root) throws IOException {
    String services =
        Files.readString(
            root.resolve(
                "deploy-verification/src/test/java/io/drautopilot/deploy/DrServices.java"));
    return java.util.regex.Pattern.compile("<module>([\\w-]+-service)</module>")
        .matcher(Files.readString(root.resolve("pom.xml")))
        .results()
        .allMatch(m -> services.contains("\"" + m.group(1) + "\""));
  }

  static Path checkoutRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      try {
        if (Files.isRegularFile(dir.resolve("pom.xml"))
            && Files.readString(dir.resolve("pom.xml"))
                .contains("<artifactId>dr-autopilot</artifactId>")
            && Files.isDirectory(dir.resolve(".git"))) {
          return dir;
        }
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  record Result(int code, String output) {}

  static Result run(Path dir, List<String> command, int minutes) throws Exception {
    Path log = Files.createTempFile("scaffold-build", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return new Result(-1, "timed out after " + minutes + " min\n" + Files.readString(log));
      }
      return new Result(p.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static List<String> reports(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files
            .map(f -> f.getFileName().toString())
            .filter(f -> f.endsWith(".txt"))
            .forEach(names::add);
      }
    }
    // io.drautopilot.statuspage.StatuspageApplicationIT.txt -> StatuspageApplicationIT
    return names.stream()
        .map(n -> n.substring(0, n.length() - ".txt".length()).replaceAll("^.*\\.", ""))
        .toList();
  }

  static String tail(String text, int lines) {
    String[] all = text.split("\n");
    return String.join(
        "\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
  }
}
