package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.AuditEventExport;
import io.drautopilot.containment.domain.ContainmentException;
import io.drautopilot.contracts.containment.AuditEventsExported;
import io.drautopilot.contracts.containment.ExportAuditEventsCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;

/** ExportAuditEventsCommand: {@link AuditEventExport#export} of the incident window into the evidence store. */
public class ExportAuditEventsHandler implements CommandHandler<ExportAuditEventsCommand> {

  private final AuditEventExport export;

  public ExportAuditEventsHandler(AuditEventExport export) {
    this.export = export;
  }

  @Override
  public Class<ExportAuditEventsCommand> commandType() {
    return ExportAuditEventsCommand.class;
  }

  @Override
  public AuditEventsExported handle(ExportAuditEventsCommand command, CommandContext context) {
    if (command.getEndTime().isBefore(command.getStartTime())) {
      throw ContainmentException.refused(
          "InvalidWindow",
          "the window ends ("
              + command.getEndTime()
              + ") before it starts ("
              + command.getStartTime()
              + ")");
    }
    return export.export(
        context.metadata().getIncidentId(),
        command.getLogGroupName(),
        command.getStartTime(),
        command.getEndTime(),
        command.getFilterPattern(),
        command.getRegion(),
        command.getDestination());
  }
}
