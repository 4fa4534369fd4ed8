package io.drautopilot.drctl.scaffold;

import io.drautopilot.drctl.DrctlException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small insertions into a file's text next to an anchor that must be there: when a file has changed so that the
 * anchor is gone, the scaffold stops before writing anything, naming the file and the anchor, rather than guess.
 *
 * <p>In Java files an anchor is found whatever the formatter did to its whitespace (the build formats Java
 * with google-java-format, which rewraps a call across lines as it grows): an anchor written with leading
 * indentation stands for the start of the line it is on, so what is inserted before it lands on a line of its
 * own. Other files (YAML, XML, shell) are matched exactly, as their whitespace means something.
 */
final class AnchoredEdit {

  private final String file;
  private String text;

  AnchoredEdit(String file, String text) {
    this.file = file;
    this.text = text;
  }

  String text() {
    return text;
  }

  /** Inserts {@code insertion} just before the first occurrence of {@code anchor}. */
  AnchoredEdit insertBefore(String anchor, String insertion) {
    int at = find(anchor, 0).start();
    text = text.substring(0, at) + insertion + text.substring(at);
    return this;
  }

  /** Inserts {@code insertion} just after the first occurrence of {@code anchor}. */
  AnchoredEdit insertAfter(String anchor, String insertion) {
    int at = find(anchor, 0).end();
    text = text.substring(0, at) + insertion + text.substring(at);
    return this;
  }

  /** Inserts just after the last occurrence of {@code anchor}. */
  AnchoredEdit insertAfterLast(String anchor, String insertion) {
    int at = text.lastIndexOf(anchor);
    if (at < 0) {
      throw missing(anchor);
    }
    at += anchor.length();
    text = text.substring(0, at) + insertion + text.substring(at);
    return this;
  }

  /** Inserts after the end of the line holding the last match of {@code anchorRegex}. */
  AnchoredEdit insertAfterLastLineMatching(String anchorRegex, String insertion) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(anchorRegex, java.util.regex.Pattern.MULTILINE)
            .matcher(text);
    int end = -1;
    while (m.find()) {
      end = m.end();
    }
    if (end < 0) {
      throw missing(anchorRegex);
    }
    int lineEnd = text.indexOf('\n', end);
    int at = lineEnd < 0 ? text.length() : lineEnd + 1;
    text = text.substring(0, at) + insertion + text.substring(at);
    return this;
  }

  /** Replaces the first occurrence of {@code anchor} found after {@code after}. */
  AnchoredEdit replaceAfter(String after, String anchor, String replacement) {
    Found at = find(anchor, find(after, 0).end());
    text = text.substring(0, at.start()) + replacement + text.substring(at.end());
    return this;
  }

  /** Refuses when the file already holds {@code marker} (the handler is there already). */
  AnchoredEdit refuseIfPresent(String marker, String why) {
    if (text.contains(marker)) {
      throw DrctlException.usage(file + " already has " + marker.strip() + ": " + why);
    }
    return this;
  }

  int require(String anchor, int from) {
    return find(anchor, from).start();
  }

  private record Found(int start, int end) {}

  private Found find(String anchor, int from) {
    int at = text.indexOf(anchor, from);
    if (at >= 0) {
      return new Found(at, at + anchor.length());
    }
    if (!file.endsWith(".java") || anchor.isBlank()) {
      throw missing(anchor);
    }
    StringBuilder loose = new StringBuilder();
    anchor
        .codePoints()
        .filter(c -> !Character.isWhitespace(c))
        .forEach(
            c ->
                loose
                    .append(loose.isEmpty() ? "" : "\\s*")
                    .append(Pattern.quote(Character.toString(c))));
    Matcher m = Pattern.compile(loose.toString()).matcher(text);
    if (!m.find(from)) {
      throw missing(anchor);
    }
    int start = m.start();
    if (Character.isWhitespace(anchor.charAt(0))) {
      start = text.lastIndexOf('\n', start - 1) + 1;
    }
    return new Found(start, m.end());
  }

  DrctlException missing(String anchor) {
    return DrctlException.usage(
        "cannot edit "
            + file
            + ": anchor not found: '"
            + anchor.replace("\n", "\\n")
            + "' (the file changed since the scaffold was written; make the change by hand, see docs/how-to-add-a-scenario-handler.md,"
            + " and update the scaffold). Nothing was written.");
  }
}
