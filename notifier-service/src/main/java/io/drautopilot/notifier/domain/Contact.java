package io.drautopilot.notifier.domain;

/** One row of the runbook's emergency contact table. */
public record Contact(String role, String primary, String secondary, String phone, String email) {

  /** How the contact appears in the log: role and name, never an address or a token. */
  public String label() {
    return primary == null || primary.isBlank() ? role : role + " (" + primary + ")";
  }
}
