package io.drautopilot.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout's root and the generated files kept in it.
 *
 * <p>Generated files are committed (so compose and kubectl use them as they are) and compared with
 * what the generators produce on every build; {@code -Ddr.deploy.regenerate=true} rewrites them.
 */
final class RepoFiles {

  static final String REGENERATE_PROPERTY = "dr.deploy.regenerate";
  static final String REGENERATE_COMMAND =
      "./mvnw -o -pl deploy-verification verify -D" + REGENERATE_PROPERTY + "=true";

  private RepoFiles() {}

  static Path root() {
    String configured = System.getProperty("dr.root");
    Path start =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))
          && Files.isDirectory(dir.resolve("deploy-verification"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find the checkout root (a folder with mvnw and deploy-verification/) above "
            + start);
  }

  static Path resolve(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean regenerating() {
    return Boolean.getBoolean(REGENERATE_PROPERTY);
  }

  /** Writes the file when regenerating; otherwise fails unless the committed file is exactly {@code expected}. */
  static void assertGenerated(String relative, String expected, String generatedFrom) {
    Path file = resolve(relative);
    try {
      if (regenerating()) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, expected, StandardCharsets.UTF_8);
        return;
      }
      String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
      if (!expected.equals(actual)) {
        fail(
            "%s %s what %s generates. Do not edit it by hand: regenerate it with%n  %s%nand commit the result.%s",
            relative,
            actual == null ? "is missing, unlike" : "differs from",
            generatedFrom,
            REGENERATE_COMMAND,
            actual == null ? "" : firstDifference(expected, actual));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "<end of file>";
      String al = i < a.length ? a[i] : "<end of file>";
      if (!el.equals(al)) {
        return String.format(
            "%nFirst difference at line %d:%n  generated: %s%n  committed: %s", i + 1, el, al);
      }
    }
    return "";
  }
}
