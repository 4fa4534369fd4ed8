package io.drautopilot.orchestrator.runbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Finds the runbook files: {@code runbooks/*.yml} on the classpath (built in), plus an optional
 * directory (an environment's reviewed runbooks, e.g. the {@code dr-runbooks} ConfigMap). A runbook
 * in the directory with the id of a built-in one replaces it; any other clash of ids or scenarios
 * fails start-up naming both files.
 */
public final class RunbookFiles {

  /** {@code builtIn}: shipped on the classpath, as opposed to read from the runbooks directory. */
  public record RunbookFile(String name, String content, boolean builtIn) {

    public RunbookFile(String name, String content) {
      this(name, content, true);
    }
  }

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RunbookFiles.class);

  private RunbookFiles() {}

  public static List<RunbookFile> read(String classpathLocation, Path directory) {
    List<RunbookFile> files = new ArrayList<>();
    try {
      Resource[] resources =
          new PathMatchingResourcePatternResolver()
              .getResources("classpath*:" + classpathLocation + "/*.y*ml");
      for (Resource r : resources) {
        files.add(
            new RunbookFile(
                classpathLocation + "/" + r.getFilename(),
                r.getContentAsString(StandardCharsets.UTF_8),
                true));
      }
      if (directory != null) {
        try (Stream<Path> paths = Files.list(directory)) {
          for (Path p :
              paths
                  .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                  .filter(Files::isRegularFile)
                  .toList()) {
            files.add(
                new RunbookFile(
                    directory.resolve(p.getFileName()).toString(), Files.readString(p), false));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read runbooks", e);
    }
    files.sort(Comparator.comparing(RunbookFile::name));
    return files;
  }

  /** The built-in catalogue of protected tables, on the classpath next to the runbooks. */
  public static final String PROTECTED_RESOURCES = "protected-resources.yml";

  /**
   * The protected-resources catalogue: {@code file} when given (an environment's own tables), else
   * the built-in one. An invalid one stops start-up naming the file, the entry and the field.
   */
  public static ProtectedResources protectedResources(Path file) {
    try {
      if (file != null) {
        return ProtectedResources.parse(file.toString(), Files.readString(file));
      }
      Resource r =
          new PathMatchingResourcePatternResolver().getResource("classpath:" + PROTECTED_RESOURCES);
      return r.exists()
          ? ProtectedResources.parse(
              PROTECTED_RESOURCES, r.getContentAsString(StandardCharsets.UTF_8))
          : ProtectedResources.none();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the protected-resources catalogue " + file, e);
    }
  }

  public static RunbookRegistry load(RunbookLoader loader, List<RunbookFile> files) {
    List<Runbook> builtIn = new ArrayList<>();
    List<Runbook> configured = new ArrayList<>();
    for (RunbookFile f : files) {
      (f.builtIn() ? builtIn : configured).add(loader.load(f.name(), f.content()));
    }
    java.util.Set<String> replaced = new java.util.HashSet<>();
    for (Runbook r : configured) {
      builtIn.stream()
          .filter(b -> b.id().equals(r.id()))
          .findFirst()
          .ifPresent(
              b -> {
                replaced.add(b.id());
                log.info(
                    "runbook {} v{} from {} replaces the built-in v{} ({})",
                    r.id(),
                    r.version(),
                    r.file(),
                    b.version(),
                    b.file());
              });
    }
    List<Runbook> all =
        new ArrayList<>(builtIn.stream().filter(b -> !replaced.contains(b.id())).toList());
    all.addAll(configured);
    return new RunbookRegistry(all);
  }
}
