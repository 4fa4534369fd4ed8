package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.contracts.validation.CompareTablesCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.validation.domain.DataSources;
import io.drautopilot.validation.domain.ItemSource;
import io.drautopilot.validation.domain.TableComparator;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

/**
 * CompareTablesCommand: the source is the source table, or the logical snapshot at
 * {@code sourceSnapshotLocation} when given (a recovery table against the snapshot it came from).
 */
@Component
public class CompareTablesHandler implements CommandHandler<CompareTablesCommand> {

  private final DataSources sources;
  private final TableComparator comparator;
  private final Outcomes outcomes;

  public CompareTablesHandler(DataSources sources, TableComparator comparator, Outcomes outcomes) {
    this.sources = sources;
    this.comparator = comparator;
    this.outcomes = outcomes;
  }

  @Override
  public Class<CompareTablesCommand> commandType() {
    return CompareTablesCommand.class;
  }

  @Override
  public SpecificRecord handle(CompareTablesCommand c, CommandContext context) throws Exception {
    return outcomes.attempt(c, context, () -> {
      ItemSource source = c.getSourceSnapshotLocation() != null && !c.getSourceSnapshotLocation().isBlank()
          ? sources.snapshot(c.getSourceSnapshotLocation())
          : sources.table(c.getSourceTableName(), c.getSourceRegion());
      ItemSource target = sources.table(c.getTargetTableName(), c.getTargetRegion());
      var report = comparator.compare(source, target, Math.max(1, c.getSegments()), Math.max(0, c.getMaxDifferingKeys()),
          outcomes.progress(context));
      return outcomes.success(c, context, Outcomes.tablesCompared(report));
    });
  }
}
