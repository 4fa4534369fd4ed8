package io.drautopilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.sourceforge.pmd.cpd.CPDConfiguration;
import net.sourceforge.pmd.cpd.CpdAnalysis;
import net.sourceforge.pmd.cpd.Match;
import net.sourceforge.pmd.lang.document.FileLocation;
import org.junit.jupiter.api.Test;

/**
 * No block of the same shape under other names in {@code src/main}, across every module: PMD's
 * copy-paste detector with identifiers and literals ignored, at 100 tokens (about 10 lines). The
 * build's own check ({@code maven-pmd-plugin}, per module, names kept, 60 tokens) catches copies; this
 * one catches a copy whose names were changed, and one between two modules.
 */
class NoDuplicatedShapesTest {

  static final int MINIMUM_TOKENS = 100;

  @Test
  void shouldHaveNoBlockOfTheSameShapeUnderOtherNamesInAnyModulesMainSources() throws IOException {
    CPDConfiguration config = new CPDConfiguration();
    config.setMinimumTileSize(MINIMUM_TOKENS);
    config.setIgnoreIdentifiers(true);
    config.setIgnoreLiterals(true);
    config.setIgnoreAnnotations(true);
    config.setOnlyRecognizeLanguage(config.getLanguageRegistry().getLanguageById("java"));
    for (Path main : mainSources()) {
      config.addInputPath(main);
    }
    List<String> found = new ArrayList<>();
    try (CpdAnalysis cpd = CpdAnalysis.create(config)) {
      cpd.performAnalysis(report -> report.getMatches().forEach(m -> found.add(describe(m))));
    }

    assertThat(found)
        .as(
            "blocks of the same shape under other names (share the code; "
                + "./mvnw -o -pl deploy-verification test -Dtest=NoDuplicatedShapesTest lists them)")
        .isEmpty();
  }

  private static List<Path> mainSources() throws IOException {
    Path root = RepoFiles.root();
    try (Stream<Path> modules = Files.list(root)) {
      return modules
          .map(m -> m.resolve("src/main/java"))
          .filter(Files::isDirectory)
          .sorted()
          .toList();
    }
  }

  private static String describe(Match match) {
    Path root = RepoFiles.root();
    return match.getLineCount()
        + " lines: "
        + match.getMarkSet().stream()
            .map(
                mark -> {
                  FileLocation at = mark.getLocation();
                  return root.relativize(Path.of(at.getFileId().getAbsolutePath()))
                      + ":"
                      + at.getStartLine();
                })
            .sorted()
            .collect(Collectors.joining(", "));
  }
}
