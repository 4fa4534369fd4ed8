package io.drautopilot.readiness;

/** A runbook gate that needs {@code approvers} distinct people holding {@code role}. */
public record ApprovalGate(String role, int approvers) {}
