package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.SecretRotation;
import io.drautopilot.contracts.containment.RotateSecretCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import org.apache.avro.specific.SpecificRecord;

/** RotateSecretCommand: {@link SecretRotation#rotate} with the command's client request token. */
public class RotateSecretHandler implements CommandHandler<RotateSecretCommand> {

  private final SecretRotation secrets;
  private final Replies replies;

  public RotateSecretHandler(SecretRotation secrets, Replies replies) {
    this.secrets = secrets;
    this.replies = replies;
  }

  @Override
  public Class<RotateSecretCommand> commandType() {
    return RotateSecretCommand.class;
  }

  @Override
  public SpecificRecord handle(RotateSecretCommand command, CommandContext context) {
    return replies.reply(command, context, () -> secrets.rotate(command.getSecretId(), command.getRegion(),
        Replies.clientToken(context.metadata())));
  }
}
