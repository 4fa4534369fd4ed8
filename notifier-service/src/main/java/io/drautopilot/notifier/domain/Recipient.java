package io.drautopilot.notifier.domain;

import java.util.List;

/**
 * Who one delivery is for: a label for the log (role/name, never an address) and the contacts it
 * stands for (one for per-contact channels like email, the whole level for broadcast channels).
 */
public record Recipient(String label, List<Contact> contacts) {}
