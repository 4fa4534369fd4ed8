package io.drautopilot.drctl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command takes: where to connect, how to print. */
public class Common {

  public enum Format {
    table,
    json
  }

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT,...",
      description = "Kafka bootstrap servers (env DRCTL_BOOTSTRAP, config bootstrap=)")
  String bootstrap;

  @Option(
      names = "--api",
      paramLabel = "URL",
      description = "The orchestrator API, e.g. http://localhost:8082 (env DRCTL_API, config api=)")
  String api;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "File holding the bearer token (env DRCTL_TOKEN_FILE or DRCTL_TOKEN, config token-file=; default the one drctl login saves)")
  Path tokenFile;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file (default ~/.config/drctl/config.properties)")
  Path config;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description =
          "Kafka client property, e.g. security.protocol=SASL_SSL (repeatable; config kafka.KEY=)")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json",
      defaultValue = "table",
      description = "table (default) or json")
  Format output = Format.table;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "PT15S",
      converter = Durations.class,
      description =
          "How long to wait for Kafka or the API before giving up (e.g. 15s, 2m; default 15s)")
  Duration timeout = Duration.ofSeconds(15);

  @Option(names = "--debug", description = "On an error, print the stack trace too")
  boolean debug;

  public boolean json() {
    return output == Format.json;
  }
}
