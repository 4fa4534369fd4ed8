package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.contracts.validation.TableValidated;
import io.drautopilot.contracts.validation.ValidateTableCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.validation.config.RuleSets;
import io.drautopilot.validation.config.ValidationConfiguration.ExpectedKeySchema;
import io.drautopilot.validation.config.ValidationProperties;
import io.drautopilot.validation.domain.DataSources;
import io.drautopilot.validation.domain.TableValidator;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** ValidateTableCommand: read-only, so a redelivered command simply validates again. */
@Component
public class ValidateTableHandler implements CommandHandler<ValidateTableCommand> {

  private final DataSources sources;
  private final TableValidator validator;
  private final RuleSets ruleSets;
  private final ExpectedKeySchema expected;
  private final ValidationProperties properties;
  private final Clock clock;

  public ValidateTableHandler(
      DataSources sources,
      TableValidator validator,
      RuleSets ruleSets,
      ExpectedKeySchema expected,
      ValidationProperties properties,
      Clock clock) {
    this.sources = sources;
    this.validator = validator;
    this.ruleSets = ruleSets;
    this.expected = expected;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public Class<ValidateTableCommand> commandType() {
    return ValidateTableCommand.class;
  }

  @Override
  public TableValidated handle(ValidateTableCommand c, CommandContext context) throws Exception {
    var rules =
        ruleSets
            .find(c.getRuleSet())
            .orElseThrow(() -> new InvalidCommandException("unknown rule set " + c.getRuleSet()));
    var report =
        validator.validate(
            sources.table(c.getTableName(), c.getRegion()),
            expected.elements(),
            c.getSampleSize(),
            properties.scanSegments(),
            rules,
            c.getMaxInvalidKeys(),
            Progress.of(context, clock));
    return ReportRecords.tableValidated(report);
  }
}
