package io.drautopilot.containment.adapter.kafka;

import io.drautopilot.containment.adapter.aws.SecretRotation;
import io.drautopilot.contracts.containment.RotateSecretCommand;
import io.drautopilot.contracts.containment.SecretRotated;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;

/** RotateSecretCommand: {@link SecretRotation#rotate} with the command's client request token. */
public class RotateSecretHandler implements CommandHandler<RotateSecretCommand> {

  private final SecretRotation secrets;

  public RotateSecretHandler(SecretRotation secrets) {
    this.secrets = secrets;
  }

  @Override
  public Class<RotateSecretCommand> commandType() {
    return RotateSecretCommand.class;
  }

  @Override
  public SecretRotated handle(RotateSecretCommand command, CommandContext context) {
    return secrets.rotate(
        command.getSecretId(), command.getRegion(), ClientTokens.of(context.metadata()));
  }
}
