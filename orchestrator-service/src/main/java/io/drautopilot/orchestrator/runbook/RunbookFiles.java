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

/** Finds the runbook files: {@code runbooks/*.yml} on the classpath, plus an optional directory. */
public final class RunbookFiles {

  public record RunbookFile(String name, String content) {}

  private RunbookFiles() {}

  public static List<RunbookFile> read(String classpathLocation, Path directory) {
    List<RunbookFile> files = new ArrayList<>();
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver()
          .getResources("classpath*:" + classpathLocation + "/*.y*ml");
      for (Resource r : resources) {
        files.add(new RunbookFile(classpathLocation + "/" + r.getFilename(), r.getContentAsString(StandardCharsets.UTF_8)));
      }
      if (directory != null) {
        try (Stream<Path> paths = Files.list(directory)) {
          for (Path p : paths.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).toList()) {
            files.add(new RunbookFile(p.getFileName().toString(), Files.readString(p)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read runbooks", e);
    }
    files.sort(Comparator.comparing(RunbookFile::name));
    return files;
  }

  public static RunbookRegistry load(RunbookLoader loader, List<RunbookFile> files) {
    return new RunbookRegistry(files.stream().map(f -> loader.load(f.name(), f.content())).toList());
  }
}
