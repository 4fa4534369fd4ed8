package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.CacheWarmed;
import io.drautopilot.contracts.restore.WarmCacheCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.cache.CacheWarmer;

/** WarmCacheCommand -> {@link CacheWarmer#warm}. */
public class WarmCacheHandler implements CommandHandler<WarmCacheCommand> {

  private final CacheWarmer warmer;

  public WarmCacheHandler(CacheWarmer warmer) {
    this.warmer = warmer;
  }

  @Override
  public Class<WarmCacheCommand> commandType() {
    return WarmCacheCommand.class;
  }

  @Override
  public CacheWarmed handle(WarmCacheCommand command, CommandContext context) {
    var warmed =
        warmer.warm(
            new CacheWarmer.Request(
                command.getCacheType(),
                command.getTableName(),
                command.getRegion(),
                command.getCacheEndpoint(),
                command.getBatchSize(),
                command.getConcurrency(),
                command.getItemLimit()),
            context.progress().listener());
    return CacheWarmed.newBuilder()
        .setCacheType(command.getCacheType())
        .setItemsWarmed(warmed.itemsWarmed())
        .setItemsFailed(warmed.itemsFailed())
        .setDurationMillis(warmed.duration().toMillis())
        .build();
  }
}
