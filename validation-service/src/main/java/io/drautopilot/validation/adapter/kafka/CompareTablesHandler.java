package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.contracts.validation.CompareTablesCommand;
import io.drautopilot.contracts.validation.TablesCompared;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.validation.domain.DataSources;
import io.drautopilot.validation.domain.ItemSource;
import io.drautopilot.validation.domain.TableComparator;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * CompareTablesCommand: the source is the source table, or the logical snapshot at
 * {@code sourceSnapshotLocation} when given (a recovery table against the snapshot it came from).
 */
@Component
public class CompareTablesHandler implements CommandHandler<CompareTablesCommand> {

  private final DataSources sources;
  private final TableComparator comparator;
  private final Clock clock;

  public CompareTablesHandler(DataSources sources, TableComparator comparator, Clock clock) {
    this.sources = sources;
    this.comparator = comparator;
    this.clock = clock;
  }

  @Override
  public Class<CompareTablesCommand> commandType() {
    return CompareTablesCommand.class;
  }

  @Override
  public TablesCompared handle(CompareTablesCommand c, CommandContext context) throws Exception {
    ItemSource source =
        c.getSourceSnapshotLocation() != null && !c.getSourceSnapshotLocation().isBlank()
            ? sources.snapshot(c.getSourceSnapshotLocation())
            : sources.table(c.getSourceTableName(), c.getSourceRegion());
    ItemSource target = sources.table(c.getTargetTableName(), c.getTargetRegion());
    var report =
        comparator.compare(
            source,
            target,
            Math.max(1, c.getSegments()),
            Math.max(0, c.getMaxDifferingKeys()),
            Progress.of(context, clock));
    return ReportRecords.tablesCompared(report);
  }
}
