package io.drautopilot.console.adapter.file;

import io.drautopilot.console.domain.Runbook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The runbook files the orchestrator runs, read to draw them: the built-in ones (on the classpath,
 * under {@code console/builtin-runbooks/}, copied from the orchestrator at build time) and an environment's own directory (the orchestrator's runbooks directory,
 * e.g. the same mounted ConfigMap), where one with a built-in id replaces it, as in the orchestrator.
 * The orchestrator validates runbooks; a file this reader cannot make sense of is left out and logged.
 */
public final class RunbookFiles {

  private static final Logger log = LoggerFactory.getLogger(RunbookFiles.class);

  /** A numbered heading of the seed written as a comment above a step: "# 3. Point-in-time recovery ...". */
  private static final Pattern SECTION_COMMENT =
      Pattern.compile("^\\s*#\\s*((?:\\d+\\.|Post-incident)\\s.*?)\\s*$");

  private static final Pattern STEP_START =
      Pattern.compile("^\\s*-\\s*id:\\s*\"?([A-Za-z0-9._-]+)\"?\\s*$");

  /** A runbook and its text, for a dry run. */
  public record Entry(Runbook runbook, String yaml) {}

  private final Map<String, Entry> byId;

  private RunbookFiles(Map<String, Entry> byId) {
    this.byId = byId;
  }

  public static RunbookFiles read(Path directory) {
    Map<String, Entry> byId = new LinkedHashMap<>();
    try {
      Resource[] builtIn =
          new PathMatchingResourcePatternResolver()
              .getResources("classpath*:console/builtin-runbooks/*.y*ml");
      for (Resource r : builtIn) {
        add(byId, "runbooks/" + r.getFilename(), r.getContentAsString(StandardCharsets.UTF_8));
      }
      if (directory != null) {
        try (Stream<Path> files = Files.list(directory)) {
          for (Path p :
              files
                  .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                  .sorted()
                  .toList()) {
            add(byId, directory.resolve(p.getFileName()).toString(), Files.readString(p));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the runbooks", e);
    }
    return new RunbookFiles(byId);
  }

  public List<Runbook> all() {
    return byId.values().stream()
        .map(Entry::runbook)
        .sorted(Comparator.comparing(Runbook::id))
        .toList();
  }

  public Optional<Entry> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  private static void add(Map<String, Entry> byId, String file, String yaml) {
    try {
      Runbook r = parse(file, yaml);
      byId.put(r.id(), new Entry(r, yaml));
    } catch (RuntimeException e) {
      log.warn("Runbook file {} left out: {}", file, e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  static Runbook parse(String file, String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(1024 * 1024);
    Object loaded = new Yaml(new SafeConstructor(options)).load(yaml);
    if (!(loaded instanceof Map<?, ?> doc) || doc.get("id") == null) {
      throw new IllegalArgumentException("not a runbook (no id)");
    }
    Map<String, String> sections = sectionComments(yaml);
    Map<String, Object> control =
        doc.get("documentControl") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
    return new Runbook(
        text(doc.get("id")),
        doc.get("version") instanceof Number n ? n.intValue() : 1,
        text(doc.get("title")),
        text(doc.get("scenario")),
        file,
        new Runbook.DocumentControl(
            text(control.get("owner")),
            date(control.get("lastReviewed")),
            date(control.get("nextReview")),
            text(control.get("approvedBy"))),
        steps(doc.get("steps"), sections),
        steps(doc.get("compensations"), sections));
  }

  @SuppressWarnings("unchecked")
  private static List<Runbook.Step> steps(Object list, Map<String, String> sections) {
    List<Runbook.Step> steps = new ArrayList<>();
    if (!(list instanceof List<?> items)) {
      return steps;
    }
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> raw)) {
        continue;
      }
      Map<String, Object> s = (Map<String, Object>) raw;
      String id = text(s.get("id"));
      String title = text(s.get("title"));
      List<String> deps =
          s.get("dependsOn") instanceof List<?> d
              ? d.stream().map(String::valueOf).toList()
              : List.of();
      Map<String, Object> approval =
          s.get("approval") instanceof Map<?, ?> a ? (Map<String, Object>) a : null;
      steps.add(
          new Runbook.Step(
              id,
              title,
              title != null ? title : sections.get(id),
              text(s.get("action")),
              deps,
              s.get("forEach") != null,
              text(s.get("condition")),
              approval == null ? null : text(approval.get("role")),
              approval == null
                  ? 0
                  : approval.get("approvers") instanceof Number n ? n.intValue() : 1,
              text(s.get("expected"))));
    }
    return steps;
  }

  /** Step id → the numbered seed heading written as a comment right above it (titles are YAML; these are not). */
  static Map<String, String> sectionComments(String yaml) {
    Map<String, String> sections = new LinkedHashMap<>();
    String pending = null;
    for (String line : yaml.split("\\R")) {
      Matcher comment = SECTION_COMMENT.matcher(line);
      Matcher step = STEP_START.matcher(line);
      if (comment.matches()) {
        pending = comment.group(1);
      } else if (step.matches()) {
        if (pending != null) {
          sections.put(step.group(1), pending);
        }
        pending = null;
      } else if (!line.isBlank() && !line.trim().startsWith("#")) {
        pending = null;
      }
    }
    return sections;
  }

  private static String text(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  private static LocalDate date(Object o) {
    if (o instanceof java.util.Date d) {
      return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }
    return o == null ? null : LocalDate.parse(String.valueOf(o));
  }
}
