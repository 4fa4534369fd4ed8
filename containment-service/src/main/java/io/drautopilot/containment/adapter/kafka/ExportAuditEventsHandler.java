package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.AuditEventExport;
import io.drautopilot.containment.domain.ContainmentException;
import io.drautopilot.contracts.containment.ExportAuditEventsCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import org.apache.avro.specific.SpecificRecord;

/** ExportAuditEventsCommand: {@link AuditEventExport#export} of the incident window into the evidence store. */
public class ExportAuditEventsHandler implements CommandHandler<ExportAuditEventsCommand> {

  private final AuditEventExport export;
  private final Replies replies;

  public ExportAuditEventsHandler(AuditEventExport export, Replies replies) {
    this.export = export;
    this.replies = replies;
  }

  @Override
  public Class<ExportAuditEventsCommand> commandType() {
    return ExportAuditEventsCommand.class;
  }

  @Override
  public SpecificRecord handle(ExportAuditEventsCommand command, CommandContext context) {
    return replies.reply(command, context, () -> {
      if (command.getEndTime().isBefore(command.getStartTime())) {
        throw ContainmentException.refused("InvalidWindow", "the window ends (" + command.getEndTime()
            + ") before it starts (" + command.getStartTime() + ")");
      }
      return export.export(context.metadata().getIncidentId(), command.getLogGroupName(), command.getStartTime(),
          command.getEndTime(), command.getFilterPattern(), command.getRegion(), command.getDestination());
    });
  }
}
