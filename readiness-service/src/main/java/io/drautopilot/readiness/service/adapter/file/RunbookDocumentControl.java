package io.drautopilot.readiness.service.adapter.file;

import io.drautopilot.readiness.RunbookReview;
import io.drautopilot.readiness.service.domain.Runbooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the document control of the orchestrator's runbook files: {@code id} and
 * {@code documentControl: {owner, lastReviewed, nextReview}}, nothing else (the orchestrator validates
 * the rest). In one JVM with the orchestrator the built-in runbooks are on the classpath at
 * {@code runbooks/*.yml}; the orchestrator's extra directory is read when configured. Read once: the
 * files are the deployment's, they change with it.
 */
public final class RunbookDocumentControl implements Runbooks {

  private final List<RunbookReview> reviews;

  private RunbookDocumentControl(List<RunbookReview> reviews) {
    this.reviews = List.copyOf(reviews);
  }

  @Override
  public List<RunbookReview> reviews() {
    return reviews;
  }

  /**
   * @param pattern a resource pattern ({@code classpath*:runbooks/*.yml})
   * @param directory the orchestrator's extra runbook directory, or null
   */
  public static RunbookDocumentControl read(String pattern, Path directory) {
    List<RunbookReview> reviews = new ArrayList<>();
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources(pattern)) {
        try (InputStream in = r.getInputStream()) {
          parse(in, "runbooks/" + r.getFilename()).ifPresent(reviews::add);
        }
      }
      if (directory != null && Files.isDirectory(directory)) {
        try (Stream<Path> files = Files.list(directory)) {
          for (Path p :
              files
                  .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                  .toList()) {
            try (InputStream in = Files.newInputStream(p)) {
              parse(in, p.toString()).ifPresent(reviews::add);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the runbooks (" + pattern + ")", e);
    }
    reviews.sort(Comparator.comparing(RunbookReview::runbookId));
    return new RunbookDocumentControl(reviews);
  }

  /** One file's document control; empty for a YAML file that is not a runbook (no {@code id}). */
  static java.util.Optional<RunbookReview> parse(InputStream in, String file) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    if (!(root instanceof Map<?, ?> runbook) || !(runbook.get("id") instanceof String id)) {
      return java.util.Optional.empty();
    }
    Map<?, ?> control = runbook.get("documentControl") instanceof Map<?, ?> m ? m : Map.of();
    return java.util.Optional.of(
        new RunbookReview(
            id,
            file,
            control.get("owner") == null ? null : String.valueOf(control.get("owner")),
            date(control.get("lastReviewed")),
            date(control.get("nextReview"))));
  }

  /** YAML reads an unquoted 2027-03-03 as a timestamp at midnight UTC; a quoted one as text. Neither: no date. */
  private static LocalDate date(Object value) {
    if (value instanceof Date d) {
      return d.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
    }
    if (value instanceof String s) {
      try {
        return LocalDate.parse(s.trim());
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
