package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.CacheWarmed;
import io.drautopilot.contracts.restore.WarmCacheCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.cache.CacheWarmer;
import org.apache.avro.specific.SpecificRecord;

/** WarmCacheCommand -> {@link CacheWarmer#warm}. */
public class WarmCacheHandler implements CommandHandler<WarmCacheCommand> {

  private final CacheWarmer warmer;
  private final Replies replies;

  public WarmCacheHandler(CacheWarmer warmer, Replies replies) {
    this.warmer = warmer;
    this.replies = replies;
  }

  @Override
  public Class<WarmCacheCommand> commandType() {
    return WarmCacheCommand.class;
  }

  @Override
  public SpecificRecord handle(WarmCacheCommand command, CommandContext context) {
    return replies.reply(command, context, () -> {
      var warmed = warmer.warm(new CacheWarmer.Request(command.getCacheType(), command.getTableName(),
          command.getRegion(), command.getCacheEndpoint(), command.getBatchSize(), command.getConcurrency(),
          command.getItemLimit()), Replies.progressOf(context));
      return CacheWarmed.newBuilder().setCacheType(command.getCacheType()).setItemsWarmed(warmed.itemsWarmed())
          .setItemsFailed(warmed.itemsFailed()).setDurationMillis(warmed.duration().toMillis()).build();
    });
  }
}
