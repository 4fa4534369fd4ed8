package io.drautopilot.orchestrator.adapter.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The roles the API knows, as the identity provider names them in the role claim. Anyone with any
 * of them may read; what each may do besides is checked where it is done.
 */
public final class ApiRoles {

  /** Reads incidents; a breach incident's subjects are redacted. */
  public static final String VIEWER = "viewer";

  /** Acknowledges and cancels; approves where the gate's role says so. */
  public static final String INCIDENT_RESPONDER = "incident-responder";

  /** Reads breach subjects (each reading recorded); approves containment gates. */
  public static final String SECURITY_OFFICER = "security-officer";

  /** Validates and dry-runs runbooks. */
  public static final String RUNBOOK_AUTHOR = "runbook-author";

  public static final List<String> ALL =
      List.of(VIEWER, INCIDENT_RESPONDER, SECURITY_OFFICER, RUNBOOK_AUTHOR);

  private ApiRoles() {}

  /** The roles a claim value holds: a JSON array of strings, or one string of names separated by spaces (or commas). */
  public static List<String> fromClaim(Object claim) {
    List<String> roles = new ArrayList<>();
    if (claim instanceof Collection<?> c) {
      c.stream()
          .filter(r -> r != null)
          .map(String::valueOf)
          .map(String::strip)
          .filter(r -> !r.isEmpty())
          .forEach(roles::add);
    } else if (claim != null) {
      for (String r : String.valueOf(claim).split("[\\s,]+")) {
        if (!r.isBlank()) {
          roles.add(r);
        }
      }
    }
    return roles;
  }
}
