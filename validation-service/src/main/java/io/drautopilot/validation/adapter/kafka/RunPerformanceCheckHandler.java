package io.drautopilot.validation.adapter.kafka;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.contracts.validation.PerformanceChecked;
import io.drautopilot.contracts.validation.RunPerformanceCheckCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.validation.adapter.aws.DynamoDbReadProbe;
import io.drautopilot.validation.adapter.http.HttpProbe;
import io.drautopilot.validation.config.ValidationProperties;
import io.drautopilot.validation.domain.LoadRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** RunPerformanceCheckCommand: {@code http(s)://...} or {@code dynamodb://<region>/<table>} (GetItem reads). */
@Component
public class RunPerformanceCheckHandler implements CommandHandler<RunPerformanceCheckCommand> {

  private final LoadRunner runner;
  private final HttpClient http;
  private final RegionalClients<DynamoDbClient> dynamo;
  private final ValidationProperties.Performance settings;
  private final Clock clock;

  public RunPerformanceCheckHandler(
      LoadRunner runner,
      HttpClient validationHttpClient,
      RegionalClients<DynamoDbClient> dynamo,
      ValidationProperties properties,
      Clock clock) {
    this.clock = clock;
    this.runner = runner;
    this.http = validationHttpClient;
    this.dynamo = dynamo;
    this.settings = properties.performance();
  }

  @Override
  public Class<RunPerformanceCheckCommand> commandType() {
    return RunPerformanceCheckCommand.class;
  }

  @Override
  public PerformanceChecked handle(RunPerformanceCheckCommand c, CommandContext context)
      throws Exception {
    LoadRunner.Probe probe = probe(c.getTarget());
    int concurrency = Math.min(Math.max(1, c.getConcurrency()), settings.maxConcurrency());
    Integer seconds = c.getDurationSeconds();
    // With a duration the command's request count is ignored: the load runs for the duration, only
    // bounded by max-requests (the latencies held in memory).
    int requests =
        seconds != null && seconds > 0
            ? settings.maxRequests()
            : Math.min(Math.max(1, c.getRequests()), settings.maxRequests());
    boolean timed = seconds != null && seconds > 0;
    var report =
        runner.run(
            requests,
            timed ? Duration.ofSeconds(seconds) : null,
            // a fixed number of requests is measured whole: the warm-up is for a timed check
            timed ? settings.warmUp() : Duration.ZERO,
            concurrency,
            probe,
            c.getP99ThresholdMillis(),
            c.getMaxErrorRate(),
            Progress.of(context, clock),
            clock);
    return PerformanceChecked.newBuilder()
        .setPassed(report.passed())
        .setRequests(report.requests())
        .setP50Millis(report.p50Millis())
        .setP95Millis(report.p95Millis())
        .setP99Millis(report.p99Millis())
        .setErrorRate(report.errorRate())
        .setWarmUpRequests(report.warmUpRequests())
        .build();
  }

  private LoadRunner.Probe probe(String target) {
    URI uri;
    try {
      uri = URI.create(target);
    } catch (IllegalArgumentException e) {
      throw new InvalidCommandException("not a URI: " + target);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    switch (scheme) {
      case "http", "https" -> {
        return new HttpProbe(http, target, settings.httpBody(), settings.requestTimeout());
      }
      case "dynamodb" -> {
        String table = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || table.isEmpty()) {
          throw new InvalidCommandException("expected dynamodb://<region>/<table>, got " + target);
        }
        return new DynamoDbReadProbe(dynamo.forRegion(uri.getHost()), table, settings.sampleKeys());
      }
      default -> throw new InvalidCommandException("unsupported performance target " + target);
    }
  }
}
