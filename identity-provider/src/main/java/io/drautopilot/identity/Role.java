package io.drautopilot.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The roles a token may carry in its {@code roles} claim, by the names every service checks. */
public enum Role {
  VIEWER("viewer"),
  INCIDENT_RESPONDER("incident-responder"),
  SECURITY_OFFICER("security-officer"),
  RUNBOOK_AUTHOR("runbook-author");

  /** The access and ID token claims that carry a caller's roles and name. */
  public static final String ROLES_CLAIM = "roles";

  public static final String NAME_CLAIM = "preferred_username";

  private final String claimValue;

  Role(String claimValue) {
    this.claimValue = claimValue;
  }

  /** The name as it appears in the {@code roles} claim and in configuration. */
  public String claimValue() {
    return claimValue;
  }

  /** Exactly the claim's spelling: a near miss ({@code INCIDENT_RESPONDER}, {@code responder}) is unknown. */
  public static Optional<Role> fromClaimValue(String value) {
    return Arrays.stream(values()).filter(r -> r.claimValue.equals(value)).findFirst();
  }

  public static List<String> claimValues() {
    return Arrays.stream(values()).map(Role::claimValue).toList();
  }
}
