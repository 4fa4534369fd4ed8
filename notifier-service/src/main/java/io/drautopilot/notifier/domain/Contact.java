package io.drautopilot.notifier.domain;

import java.util.List;

/**
 * One row of the runbook's emergency contact table.
 *
 * @param role the row's own role (the key the escalation matrix and routes name)
 * @param roles further roles the row's people hold, e.g. {@code security-officer} for a gate's approvers
 */
public record Contact(
    String role, String primary, String secondary, String phone, String email, List<String> roles) {

  public Contact {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  public Contact(String role, String primary, String secondary, String phone, String email) {
    this(role, primary, secondary, phone, email, List.of());
  }

  /** Whether the row is {@code name} or its people hold it. */
  public boolean holds(String name) {
    return role.equals(name) || roles.contains(name);
  }

  /** The same row with its secondary on call, for a page the primary did not acknowledge (none: unchanged). */
  public Contact secondaryOnCall() {
    return secondary == null || secondary.isBlank()
        ? this
        : new Contact(role, secondary, null, phone, email, roles);
  }

  /** How the contact appears in the log: role and name, never an address or a token. */
  public String label() {
    return primary == null || primary.isBlank() ? role : role + " (" + primary + ")";
  }
}
