package io.drautopilot.drctl.scaffold;

import io.drautopilot.contracts.schema.SchemaCompatibilityGate;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.scaffold.HandlerNames.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Everything a new scenario handler needs, as one plan of files to create and small anchored edits to existing
 * ones, worked out in full before anything is written: the module, its contracts (released as v1 for the
 * compatibility gate), the topic in the catalog, the orchestrator's route, the deployment files (the topic files
 * as deploy-verification generates them), the deployment checks' list of services, the sandbox and the root pom.
 */
final class Scaffold {

  /** One file of the plan: created, or changed from its current text. */
  record Change(String path, String content, boolean created) {}

  static final String AVRO = "schemas/src/main/avro";
  static final String HISTORY = "schemas/src/main/resources/META-INF/dr-autopilot/schema-history";
  static final String TOPICS = "schemas/src/main/java/io/drautopilot/contracts/Topics.java";
  static final String ROUTES = "orchestrator-service/src/main/resources/application.yml";
  static final String COMPOSE_TOPICS = "deploy/kafka/create-topics.sh";
  static final String STRIMZI_TOPICS = "k8s/base/kafka-topics.yaml";
  static final String DR_SERVICES =
      "deploy-verification/src/test/java/io/drautopilot/deploy/DrServices.java";
  static final String SANDBOX = "sandbox/src/main/java/io/drautopilot/sandbox/";

  /** Topics.COMMAND_RESULTS: new command topics go just before it, in the catalog and in the files made from it. */
  static final String RESULTS_TOPIC = "dr.commands.results";

  private static final Pattern PORT = Pattern.compile("\\$\\{PORT:(\\d+)}");

  private final Path root;
  private final HandlerNames n;
  private final Map<String, String> vars;
  private final Set<String> flags;
  private final List<Change> changes = new ArrayList<>();

  private Scaffold(Path root, HandlerNames n) {
    this.root = root;
    this.n = n;
    this.vars = n.variables();
    this.flags = Set.of(n.kind().name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The checkout root: {@code dir} itself, when its pom.xml is the project's root pom; refuses anywhere else. */
  static Path checkoutRoot(Path dir) {
    Path pom = dir.resolve("pom.xml");
    String text = Files.isRegularFile(pom) ? read(pom) : "";
    if (!text.contains("<groupId>io.drautopilot</groupId>")
        || !text.contains("<artifactId>dr-autopilot</artifactId>")
        || !text.contains("<modules>")) {
      throw DrctlException.usage(
          "run new-handler at the root of the DR Autopilot checkout (the folder whose pom.xml is "
              + "io.drautopilot:dr-autopilot with the <modules>); "
              + dir.toAbsolutePath().normalize()
              + " is not it");
    }
    return dir;
  }

  /** One past the highest {@code ${PORT:n}} of every module's application.yml. */
  static int nextPort(Path root) {
    int max = 8079;
    try (Stream<Path> modules = Files.list(root)) {
      for (Path m : modules.filter(Files::isDirectory).toList()) {
        Path yml = m.resolve("src/main/resources/application.yml");
        if (Files.isRegularFile(yml)) {
          Matcher port = PORT.matcher(read(yml));
          while (port.find()) {
            max = Math.max(max, Integer.parseInt(port.group(1)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return max + 1;
  }

  static List<Change> plan(Path root, HandlerNames n) {
    Scaffold s = new Scaffold(root, n);
    s.refuseExisting();
    s.module();
    s.contracts();
    s.routeAndTopic();
    s.deployment();
    s.sandbox();
    s.rootPom();
    return List.copyOf(s.changes);
  }

  /** Writes the plan; a changed file is rewritten whole (the plan holds its full new text). */
  static void apply(Path root, List<Change> plan) {
    for (Change c : plan) {
      Path file = root.resolve(c.path());
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, c.content(), StandardCharsets.UTF_8);
        if (c.path().endsWith(".sh") && !c.created()) {
          file.toFile().setExecutable(true);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("writing " + c.path(), e);
      }
    }
  }

  private void refuseExisting() {
    if (Files.exists(root.resolve(n.module()))) {
      throw DrctlException.usage(
          n.module()
              + "/ exists already: new-handler makes a new module and changes nothing of an "
              + "existing one (choose another name, or remove the module if it is a failed attempt)");
    }
    for (String type : List.of(n.command(), n.result(), n.outcome())) {
      try (Stream<Path> files = Files.walk(root.resolve(AVRO))) {
        List<Path> same =
            files.filter(f -> f.getFileName().toString().equals(type + ".avsc")).toList();
        if (!same.isEmpty()) {
          throw DrctlException.usage(
              "a contract named "
                  + type
                  + " exists already ("
                  + root.relativize(same.get(0))
                  + "): the orchestrator finds commands and results by simple name, so it must be unique across packages");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  // ---- the module

  private void module() {
    String m = n.module();
    String main = m + "/src/main/java/" + n.basePackage().replace('.', '/') + "/";
    String test = m + "/src/test/java/" + n.basePackage().replace('.', '/') + "/";
    create(m + "/pom.xml", "module/pom.xml.tmpl");
    create(m + "/README.md", "module/README.md.tmpl");
    create(main + n.pascal() + "Application.java", "module/Application.java.tmpl");
    create(main + "config/" + n.pascal() + "Properties.java", "module/Properties.java.tmpl");
    create(main + "config/" + n.pascal() + "Configuration.java", "module/Configuration.java.tmpl");
    create(main + "adapter/kafka/" + n.verbNoun() + "Handler.java", "module/Handler.java.tmpl");
    if (n.kind() == Kind.HTTP) {
      create(main + "adapter/http/" + n.pascal() + "Api.java", "module/HttpApi.java.tmpl");
      create(main + "domain/" + n.pascal() + "Refused.java", "module/Refused.java.tmpl");
      create(
          m + "/src/main/resources/sandbox/aws-stubs/" + n.name() + "-" + n.kebab() + ".json",
          "module/sandbox-stub.json.tmpl");
    } else {
      create(main + "adapter/aws/" + n.verbNoun() + "Action.java", "module/AwsAction.java.tmpl");
      create(main + "adapter/kafka/ClientTokens.java", "module/ClientTokens.java.tmpl");
    }
    create(m + "/src/main/resources/application.yml", "module/application.yml.tmpl");
    create(test + n.pascal() + "ApplicationIT.java", "module/ApplicationIT.java.tmpl");
    create(test + "it/" + n.verbNoun() + "CommandIT.java", "module/CommandIT.java.tmpl");
    create(
        m + "/src/test/resources/junit-platform.properties",
        "module/junit-platform.properties.tmpl");
    create(m + "/src/test/resources/logback-test.xml", "module/logback-test.xml.tmpl");
  }

  // ---- contracts: the .avsc files, released as v1 (the compatibility gate wants every schema
  // released)

  private void contracts() {
    String dir = AVRO + "/" + n.contractsPackage().replace('.', '/') + "/";
    Map<String, String> schemas = new LinkedHashMap<>();
    schemas.put(
        dir + n.command() + ".avsc", Templates.render("schemas/Command.avsc.tmpl", vars, flags));
    schemas.put(
        dir + n.result() + ".avsc", Templates.render("schemas/Result.avsc.tmpl", vars, flags));
    schemas.put(
        dir + n.outcome() + ".avsc", Templates.render("schemas/Outcome.avsc.tmpl", vars, flags));
    schemas.forEach((path, text) -> changes.add(new Change(path, text, true)));

    Map<String, Schema> parsed = parsedWith(schemas);
    List<String> released = new ArrayList<>();
    for (String type : List.of(n.command(), n.result(), n.outcome())) {
      String full = n.contractsPackage() + "." + type;
      Schema schema = parsed.get(full);
      if (schema == null) {
        throw new IllegalStateException("the new schema " + full + " did not parse");
      }
      // the form SchemaCompatibilityGate release writes: self-contained, pretty-printed
      changes.add(
          new Change(HISTORY + "/" + full + "/v1.avsc", schema.toString(true) + "\n", true));
      released.add(full + "/v1.avsc");
    }
    edit(
        HISTORY + "/" + SchemaCompatibilityGate.INDEX,
        text -> {
          List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
          for (String entry : released) {
            String dirName = entry.substring(0, entry.indexOf('/'));
            int at = lines.size() - (text.endsWith("\n") ? 1 : 0);
            for (int i = 0; i < lines.size(); i++) {
              String line = lines.get(i);
              if (!line.startsWith("#")
                  && line.contains("/")
                  && line.substring(0, line.indexOf('/')).compareTo(dirName) > 0) {
                at = i;
                break;
              }
            }
            lines.add(at, entry);
          }
          return String.join("\n", lines);
        });
  }

  /** Every schema of the checkout plus the new ones, parsed as the gate parses them (references resolved). */
  private Map<String, Schema> parsedWith(Map<String, String> added) {
    Path copy = null;
    try {
      copy = Files.createTempDirectory("drctl-scaffold-avro");
      Path sources = root.resolve(AVRO);
      Path target = copy;
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".avsc")).toList()) {
          Path to = target.resolve(sources.relativize(f).toString());
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
      }
      for (Map.Entry<String, String> e : added.entrySet()) {
        Path to = target.resolve(e.getKey().substring(AVRO.length() + 1));
        Files.createDirectories(to.getParent());
        Files.writeString(to, e.getValue(), StandardCharsets.UTF_8);
      }
      return SchemaCompatibilityGate.parseSources(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(copy);
    }
  }

  // ---- the topic in the catalog and the orchestrator's route

  private void routeAndTopic() {
    String constant = n.topicConstant();
    edit(
        TOPICS,
        text ->
            new AnchoredEdit(TOPICS, text)
                .refuseIfPresent(" " + constant + " =", "the topic is in the catalog already")
                .insertBefore(
                    "  public static final String COMMAND_RESULTS = ",
                    "  public static final String " + constant + " = \"" + n.topic() + "\";\n")
                .insertBefore(
                    "    add(all, COMMAND_RESULTS,",
                    "    add(all, "
                        + constant
                        + ", FOREVER, CleanupPolicy.DELETE, \""
                        + purpose()
                        + "\");\n")
                .text());
    edit(
        ROUTES,
        text -> {
          AnchoredEdit e =
              new AnchoredEdit(ROUTES, text)
                  .refuseIfPresent("      " + n.name() + ":", "the route exists already");
          int block = e.require("\n    routes:\n", 0) + "\n    routes:\n".length();
          int end = block;
          while (end < text.length() && text.startsWith("      ", end)) {
            int next = text.indexOf('\n', end);
            end = next < 0 ? text.length() : next + 1;
          }
          return text.substring(0, end)
              + "      "
              + n.name()
              + ": "
              + n.topic()
              + "\n"
              + text.substring(end);
        });
  }

  private String purpose() {
    return "commands for " + n.module();
  }

  // ---- deployment

  private void deployment() {
    String dlt = n.topic() + ".dlt";
    String dltPurpose = "dead letters of " + n.topic() + ", with the reason in headers";
    // the lines TopicArtifacts (deploy-verification) writes for the two topics
    edit(
        COMPOSE_TOPICS,
        text -> {
          AnchoredEdit e = new AnchoredEdit(COMPOSE_TOPICS, text);
          int create = e.require("\ncreate " + RESULTS_TOPIC + " ", 0);
          int comment = text.lastIndexOf("\n# ", create - 1) + 1;
          String lines =
              "# "
                  + purpose()
                  + "\ncreate "
                  + n.topic()
                  + " 3 -1 delete\n# "
                  + dltPurpose
                  + "\ncreate "
                  + dlt
                  + " 1 -1 delete\n";
          String withTopics = text.substring(0, comment) + lines + text.substring(comment);
          Matcher count = Pattern.compile("echo \"(\\d+) topics present").matcher(withTopics);
          if (!count.find()) {
            throw e.missing("echo \"<n> topics present");
          }
          return withTopics.substring(0, count.start(1))
              + (Integer.parseInt(count.group(1)) + 2)
              + withTopics.substring(count.end(1));
        });
    edit(
        STRIMZI_TOPICS,
        text -> {
          AnchoredEdit e = new AnchoredEdit(STRIMZI_TOPICS, text);
          int topic = e.require("  topicName: " + RESULTS_TOPIC + "\n", 0);
          int doc = text.lastIndexOf("---\n", topic);
          if (doc < 0) {
            throw e.missing("---\\n before topicName: " + RESULTS_TOPIC);
          }
          return text.substring(0, doc)
              + strimzi(n.topic(), 3, purpose())
              + strimzi(dlt, 1, dltPurpose)
              + text.substring(doc);
        });
    String m = n.module();
    create("k8s/base/" + m + ".yaml", "deploy/k8s-service.yaml.tmpl");
    edit(
        "k8s/base/kustomization.yaml",
        text ->
            new AnchoredEdit("k8s/base/kustomization.yaml", text)
                .insertAfterLastLineMatching("^  - [\\w-]+-service\\.yaml$", "  - " + m + ".yaml\n")
                .text());
    overlays();
    edit(
        "docker-compose.yml",
        text -> {
          AnchoredEdit e = new AnchoredEdit("docker-compose.yml", text);
          int services = e.require("\nservices:\n", 0);
          Matcher next = Pattern.compile("^\\S", Pattern.MULTILINE).matcher(text);
          int end = next.find(services + "\nservices:\n".length()) ? next.start() : text.length();
          String head = text.substring(0, end);
          String service = Templates.render("deploy/compose-service.yml.tmpl", vars, flags);
          if (end < text.length()) {
            return head.stripTrailing() + "\n" + service + "\n" + text.substring(end);
          }
          return head.stripTrailing() + "\n" + service;
        });
    create("deploy/iam/" + m + "-policy.json", "deploy/iam-policy.json.tmpl");
    edit(
        "deploy-verification/pom.xml",
        text ->
            afterLastServiceDependency(
                "deploy-verification/pom.xml", text, dependency(m, "      <scope>test</scope>\n")));
    edit(
        DR_SERVICES,
        text ->
            new AnchoredEdit(DR_SERVICES, text)
                .replaceAfter(
                    "static final List<DrService> ALL = List.of(",
                    "));\n",
                    "),\n      new DrService(\"" + m + "\", " + n.port() + ", true));\n")
                .text());
  }

  /** The production overlays pin every service's image: the new one next to the others, same registry and tag. */
  private void overlays() {
    Path dir = root.resolve("k8s/overlays");
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> overlays = Files.list(dir)) {
      for (Path o : overlays.sorted().toList()) {
        String path = "k8s/overlays/" + o.getFileName() + "/kustomization.yaml";
        if (!Files.isRegularFile(root.resolve(path))
            || !read(root.resolve(path)).contains("\n  - name: dr-autopilot/")) {
          continue;
        }
        edit(
            path,
            text -> {
              Matcher entries =
                  Pattern.compile(
                          "  - name: dr-autopilot/([\\w-]+)\n    newName: (\\S*)\n    newTag: (\\S+)\n")
                      .matcher(text);
              java.util.regex.MatchResult last = null;
              while (entries.find()) {
                last = entries.toMatchResult();
              }
              if (last == null) {
                throw new AnchoredEdit(path, text)
                    .missing(
                        "  - name: dr-autopilot/<service>\\n    newName: ...\\n    newTag: ...");
              }
              String entry = last.group().replace(last.group(1), n.module());
              return text.substring(0, last.end()) + entry + text.substring(last.end());
            });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String strimzi(String topic, int partitions, String purpose) {
    return "---\n"
        + "apiVersion: kafka.strimzi.io/v1beta2\n"
        + "kind: KafkaTopic\n"
        + "metadata:\n"
        + "  name: "
        + topic.replace('.', '-').replace('_', '-')
        + "\n"
        + "  labels:\n"
        + "    strimzi.io/cluster: dr-kafka\n"
        + "  annotations:\n"
        + "    drautopilot.io/purpose: \""
        + purpose.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\"\n"
        + "spec:\n"
        + "  topicName: "
        + topic
        + "\n"
        + "  partitions: "
        + partitions
        + "\n"
        + "  replicas: 3\n"
        + "  config:\n"
        + "    retention.ms: -1\n"
        + "    cleanup.policy: delete\n"
        + "    min.insync.replicas: 2\n";
  }

  // ---- the sandbox: one JVM with every service, or each from its jar (--processes)

  private void sandbox() {
    String m = n.module();
    String app = n.pascal() + "Application";
    edit(
        "sandbox/pom.xml",
        text -> afterLastServiceDependency("sandbox/pom.xml", text, dependency(m, "")));
    String services = SANDBOX + "SandboxServices.java";
    edit(
        services,
        text -> {
          AnchoredEdit e = new AnchoredEdit(services, text);
          String anImport = "import " + n.basePackage() + "." + app + ";\n";
          insertImport(e, anImport);
          // started with the others, in parallel: its name in the start list and its application
          // class
          e.insertBefore("\"orchestrator-service\", \"detector-service\")) {", "\"" + m + "\", ");
          e.insertBefore(
              "      \"orchestrator-service\", OrchestratorApplication.class);",
              "      \"" + m + "\", " + app + ".class,\n");
          if (n.kind() == Kind.HTTP) {
            // the API is answered by the recording endpoint, with the module's sandbox stubs
            e.insertBefore(
                "      case \"detector-service\" -> {",
                "      case \""
                    + m
                    + "\" -> p.put(\"dr."
                    + n.name()
                    + ".base-url\", settings.recorder() + \"/"
                    + n.name()
                    + "\");\n");
          }
          return e.text();
        });
    String processes = SANDBOX + "ServiceProcesses.java";
    edit(
        processes,
        text ->
            new AnchoredEdit(processes, text)
                .replaceAfter(
                    "static final List<String> SERVICES = List.of(",
                    "\"orchestrator-service\"",
                    "\"" + m + "\", \"orchestrator-service\"")
                .text());
    String repeat = SANDBOX + "RepeatCheck.java";
    edit(
        repeat,
        text ->
            new AnchoredEdit(repeat, text)
                .replaceAfter(
                    "static final List<String> COMMAND_TOPICS = List.of(",
                    ");",
                    ", Topics." + n.topicConstant() + ");")
                .text());
  }

  /** In order among the project's imports. */
  private static void insertImport(AnchoredEdit e, String anImport) {
    String text = e.text();
    Matcher imports =
        Pattern.compile("^import io\\.drautopilot\\.[\\w.]+;\n", Pattern.MULTILINE).matcher(text);
    String after = null;
    while (imports.find()) {
      if (imports.group().compareTo(anImport) > 0) {
        e.insertBefore(imports.group(), anImport);
        return;
      }
      after = imports.group();
    }
    if (after == null) {
      throw e.missing("import io.drautopilot.…;");
    }
    e.insertAfterLast(after, anImport);
  }

  private void rootPom() {
    edit(
        "pom.xml",
        text ->
            new AnchoredEdit("pom.xml", text)
                .insertAfterLastLineMatching(
                    "^    <module>[\\w-]+-service</module>$",
                    "    <module>" + n.module() + "</module>\n")
                .text());
  }

  private static String dependency(String module, String scope) {
    return "    <dependency>\n      <groupId>io.drautopilot</groupId>\n      <artifactId>"
        + module
        + "</artifactId>\n"
        + "      <version>${project.version}</version>\n"
        + scope
        + "    </dependency>\n";
  }

  private static String afterLastServiceDependency(String file, String text, String dependency) {
    Matcher deps =
        Pattern.compile(
                "^    <dependency>\\s*<groupId>io\\.drautopilot</groupId>\\s*<artifactId>[\\w-]+-service</artifactId>.*?</dependency>\n",
                Pattern.MULTILINE | Pattern.DOTALL)
            .matcher(text);
    int end = -1;
    while (deps.find()) {
      end = deps.end();
    }
    if (end < 0) {
      throw new AnchoredEdit(file, text)
          .missing("<dependency> on an io.drautopilot *-service module");
    }
    return text.substring(0, end) + dependency + text.substring(end);
  }

  // ---- plumbing

  private void create(String path, String template) {
    changes.add(new Change(path, Templates.render(template, vars, flags), true));
  }

  private void edit(String path, java.util.function.UnaryOperator<String> change) {
    Path file = root.resolve(path);
    if (!Files.isRegularFile(file)) {
      throw DrctlException.usage(
          "cannot edit " + path + ": the file is missing. Nothing was written.");
    }
    String before = pending(path);
    String after = change.apply(before);
    changes.removeIf(c -> c.path().equals(path));
    changes.add(new Change(path, after, false));
  }

  /** The file's text with the plan's earlier changes to it. */
  private String pending(String path) {
    for (Change c : changes) {
      if (c.path().equals(path)) {
        return c.content();
      }
    }
    return read(root.resolve(path));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary copy left behind is harmless
    }
  }
}
