package io.drautopilot.containment.domain;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Principals containment must never touch: the break-glass roles people need to get back in when
 * everything else is denied. An entry is a name ({@code break-glass-admin}, any type), a typed name
 * ({@code role/break-glass-admin}, {@code user/incident-commander}) or an IAM ARN; {@code *} matches
 * any characters. Names compare case-insensitively, as IAM does.
 */
public final class ProtectList {

  /** What the protect-list is checked against. */
  public enum Kind {
    USER,
    ROLE
  }

  private record Entry(Kind kind, Pattern name) {}

  private final List<Entry> entries;

  public ProtectList(List<String> entries) {
    this.entries =
        entries.stream()
            .map(String::trim)
            .filter(e -> !e.isEmpty())
            .map(ProtectList::parse)
            .toList();
  }

  private static Entry parse(String entry) {
    String e = entry;
    if (e.startsWith("arn:")) {
      // arn:aws:iam::123456789012:role/path/name -> role/path/name
      String[] parts = e.split(":", 6);
      e = parts.length == 6 ? parts[5] : e;
    }
    Kind kind = null;
    int slash = e.indexOf('/');
    if (slash
        >= 0) { // a leading slash is a missing type, refused below, never a name no IAM principal
      // has
      String type = e.substring(0, slash).toLowerCase(Locale.ROOT);
      kind =
          switch (type) {
            case "user" -> Kind.USER;
            case "role" -> Kind.ROLE;
            default ->
                throw new IllegalArgumentException(
                    "protect-list entry '" + entry + "': expected user/<name> or role/<name>");
          };
      // IAM names are unique regardless of path: keep the last segment.
      e = e.substring(e.lastIndexOf('/') + 1);
    }
    String regex = ("\\Q" + e + "\\E").replace("*", "\\E.*\\Q");
    return new Entry(kind, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
  }

  public boolean isProtected(Kind kind, String name) {
    return entries.stream()
        .anyMatch(e -> (e.kind() == null || e.kind() == kind) && e.name().matcher(name).matches());
  }

  /** @throws ContainmentException {@code ProtectedPrincipal} when the principal is on the list */
  public void requireNotProtected(Kind kind, String name) {
    if (isProtected(kind, name)) {
      throw ContainmentException.refused(
          "ProtectedPrincipal",
          kind.name().toLowerCase(Locale.ROOT)
              + " "
              + name
              + " is on the containment protect-list (break-glass access); refusing to act on it");
    }
  }
}
