package io.drautopilot.notifier.domain.report;

import io.drautopilot.contracts.common.EventMetadata;
import java.util.Map;

/**
 * A command sent to a handler (e.g. {@code RestoreTableToPointInTimeCommand}) as the report reads
 * it: every command schema has fields of its own, so the report reads them flattened, by name ({@code
 * tableName}, {@code validation.rules}), with the command's metadata as written.
 *
 * @param type the command's schema name
 */
public record CommandIssued(EventMetadata metadata, String type, Map<String, String> fields) {}
