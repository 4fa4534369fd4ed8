package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.DeleteScratchTableCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.ScratchTableDeleter;
import org.apache.avro.specific.SpecificRecord;

/** DeleteScratchTableCommand (backup verification's cleanup) -> {@link ScratchTableDeleter}. */
public class DeleteScratchTableHandler implements CommandHandler<DeleteScratchTableCommand> {

  private final ScratchTableDeleter deleter;
  private final Replies replies;

  public DeleteScratchTableHandler(ScratchTableDeleter deleter, Replies replies) {
    this.deleter = deleter;
    this.replies = replies;
  }

  @Override
  public Class<DeleteScratchTableCommand> commandType() {
    return DeleteScratchTableCommand.class;
  }

  @Override
  public SpecificRecord handle(DeleteScratchTableCommand command, CommandContext context) {
    return replies.reply(command, context, () -> deleter.delete(command.getTableName(), command.getRegion()));
  }
}
