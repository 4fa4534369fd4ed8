package io.drautopilot.notifier.domain;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Removes configured secrets (webhook URLs, routing keys, tokens, passwords) from any text that
 * may reach a log line or an event, e.g. an exception message that quotes the URL it called.
 */
public final class Redactor {

  public static final String MASK = "***";
  private final List<String> secrets;

  public Redactor(Collection<String> secrets) {
    // longest first, so a URL is masked whole before a token inside it
    this.secrets =
        secrets.stream()
            .filter(Objects::nonNull)
            .filter(s -> s.length() >= 4)
            .distinct()
            .sorted((a, b) -> b.length() - a.length())
            .toList();
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, MASK);
    }
    return out;
  }
}
