package io.drautopilot.validation.domain;

/** One element of a table's key schema: attribute name and HASH or RANGE. */
public record KeyElement(String attributeName, String keyType) {}
