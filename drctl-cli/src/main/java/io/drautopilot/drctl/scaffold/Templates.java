package io.drautopilot.drctl.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scaffold's templates ({@code scaffold/**} on the classpath): {@code {{key}}} is replaced by its value, and
 * {@code {{#flag}}…{{/flag}}} is kept only when the flag is set (e.g. {@code aws}, {@code http}). A key without a
 * value fails, so a typo never reaches a generated file.
 */
final class Templates {

  private static final Pattern SECTION =
      Pattern.compile("\\{\\{#(\\w+)}}(.*?)\\{\\{/\\1}}", Pattern.DOTALL);
  private static final Pattern KEY = Pattern.compile("\\{\\{(\\w+)}}");

  private Templates() {}

  static String render(String template, Map<String, String> values, Set<String> flags) {
    String text = read(template);
    Matcher sections = SECTION.matcher(text);
    StringBuilder kept = new StringBuilder();
    while (sections.find()) {
      sections.appendReplacement(
          kept,
          Matcher.quoteReplacement(flags.contains(sections.group(1)) ? sections.group(2) : ""));
    }
    sections.appendTail(kept);
    Matcher keys = KEY.matcher(kept);
    StringBuilder out = new StringBuilder();
    while (keys.find()) {
      String value = values.get(keys.group(1));
      if (value == null) {
        throw new IllegalStateException(
            "template " + template + " uses {{" + keys.group(1) + "}}, which has no value");
      }
      keys.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    keys.appendTail(out);
    return out.toString();
  }

  static String read(String template) {
    String resource = "scaffold/" + template;
    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("template " + resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
