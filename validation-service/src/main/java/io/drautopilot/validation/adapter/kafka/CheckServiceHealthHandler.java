package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.contracts.validation.CheckServiceHealthCommand;
import io.drautopilot.contracts.validation.ServiceHealthChecked;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.validation.adapter.http.GraphQlHealthCheck;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** CheckServiceHealthCommand: an unhealthy or silent service is a successful check that says so. */
@Component
public class CheckServiceHealthHandler implements CommandHandler<CheckServiceHealthCommand> {

  private final GraphQlHealthCheck health;

  public CheckServiceHealthHandler(GraphQlHealthCheck health) {
    this.health = health;
  }

  @Override
  public Class<CheckServiceHealthCommand> commandType() {
    return CheckServiceHealthCommand.class;
  }

  @Override
  public ServiceHealthChecked handle(CheckServiceHealthCommand c, CommandContext context)
      throws Exception {
    var report = health.check(c.getUrl(), Duration.ofMillis(Math.max(1, c.getTimeoutMillis())));
    return ServiceHealthChecked.newBuilder()
        .setHealthy(report.healthy())
        .setStatus(report.status())
        .setComponents(ReportRecords.copy(report.components()))
        .setLatencyMillis(report.latencyMillis())
        .build();
  }
}
