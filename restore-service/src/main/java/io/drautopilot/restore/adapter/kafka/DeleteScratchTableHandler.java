package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.DeleteScratchTableCommand;
import io.drautopilot.contracts.restore.ScratchTableDeleted;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.ScratchTableDeleter;

/** DeleteScratchTableCommand (backup verification's cleanup) -> {@link ScratchTableDeleter}. */
public class DeleteScratchTableHandler implements CommandHandler<DeleteScratchTableCommand> {

  private final ScratchTableDeleter deleter;

  public DeleteScratchTableHandler(ScratchTableDeleter deleter) {
    this.deleter = deleter;
  }

  @Override
  public Class<DeleteScratchTableCommand> commandType() {
    return DeleteScratchTableCommand.class;
  }

  @Override
  public ScratchTableDeleted handle(DeleteScratchTableCommand command, CommandContext context) {
    return deleter.delete(command.getTableName(), command.getRegion());
  }
}
