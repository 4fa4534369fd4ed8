package io.drautopilot.drctl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Tables for people, JSON for scripts. */
public final class Output {

  static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final PrintStream out;

  Output(PrintStream out) {
    this.out = out;
  }

  public void line(String text) {
    out.println(text);
    out.flush();
  }

  /** A document as it is (a report), with no line added. */
  public void text(String text) {
    out.print(text);
    out.flush();
  }

  public void json(Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
      out.flush();
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Columns padded to their widest cell; a null cell prints as "-". */
  public void table(List<String> headers, List<List<String>> rows) {
    int[] widths = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], cell(row, i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String c = cell(row, i);
        b.append(c);
        if (i < widths.length - 1) {
          b.append(" ".repeat(widths[i] - c.length() + 2));
        }
      }
      out.println(b.toString().stripTrailing());
    }
    out.flush();
  }

  private static String cell(List<String> row, int i) {
    String c = i < row.size() ? row.get(i) : null;
    return c == null || c.isEmpty() ? "-" : c;
  }

  /** {@code [#########-----------]  45%}: a step's progress in a terminal line. */
  public static String bar(double percent, int width) {
    double p = Math.max(0, Math.min(100, percent));
    int filled = (int) Math.round(p / 100 * width);
    return "["
        + "#".repeat(filled)
        + "-".repeat(width - filled)
        + "] "
        + String.format("%3.0f%%", p);
  }
}
