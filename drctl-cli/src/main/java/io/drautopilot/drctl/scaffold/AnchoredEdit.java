package io.drautopilot.drctl.scaffold;

import io.drautopilot.drctl.DrctlException;

/**
 * Small insertions into a file's text next to an anchor that must be there: when a file has changed so that the
 * anchor is gone, the scaffold stops before writing anything, naming the file and the anchor, rather than guess.
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
    int at = require(anchor, 0);
    text = text.substring(0, at) + insertion + text.substring(at);
    return this;
  }

  /** Inserts {@code insertion} just after the first occurrence of {@code anchor}. */
  AnchoredEdit insertAfter(String anchor, String insertion) {
    int at = require(anchor, 0) + anchor.length();
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
    int from = require(after, 0);
    int at = require(anchor, from);
    text = text.substring(0, at) + replacement + text.substring(at + anchor.length());
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
    int at = text.indexOf(anchor, from);
    if (at < 0) {
      throw missing(anchor);
    }
    return at;
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
