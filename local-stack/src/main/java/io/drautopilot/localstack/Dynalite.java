package io.drautopilot.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A real dynalite process (DynamoDB on LevelDB, from the pinned {@code node_modules}) on a free
 * loopback port. One instance per name per JVM ({@link #shared(String)}), stopped when the JVM exits;
 * two names give two independent "regions".
 *
 * <p>Needs {@code npm ci} at the repository root (the README and {@code .ci/run} do it).
 */
public final class Dynalite implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Dynalite.class);
  private static final Map<String, Dynalite> SHARED = new ConcurrentHashMap<>();

  private final NodeProcess process;

  private Dynalite(NodeProcess process) {
    this.process = process;
  }

  /** The JVM-wide instance for {@code name} (e.g. "primary", "secondary"), started on first use. */
  public static Dynalite shared(String name) {
    return SHARED.computeIfAbsent(
        name,
        n -> {
          Dynalite d = start(null);
          Runtime.getRuntime().addShutdownHook(new Thread(d::close, "dynalite-" + n + "-stop"));
          return d;
        });
  }

  public static Dynalite shared() {
    return shared("primary");
  }

  /**
   * Starts a new dynalite. With a {@code dataDirectory} data survives restarts (LevelDB); without
   * one it is in memory.
   */
  public static Dynalite start(Path dataDirectory) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "{root}/node_modules/dynalite/cli.js",
                "--port",
                "{port}",
                "--host",
                "127.0.0.1",
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0"));
    if (dataDirectory != null) {
      arguments.add("--path");
      arguments.add(dataDirectory.toString());
    }
    NodeProcess process = NodeProcess.start("dynalite", "node_modules/dynalite/cli.js", arguments);
    log.info("dynalite started on 127.0.0.1:{}", process.port());
    return new Dynalite(process);
  }

  public int port() {
    return process.port();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + process.port());
  }

  /**
   * A table shaped like the seed's (and the services' tables): string keys {@code PK} (hash) and
   * {@code SK} (range), on-demand billing.
   */
  public static CreateTableRequest pkSkTable(String name) {
    return CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            AttributeDefinition.builder()
                .attributeName("PK")
                .attributeType(ScalarAttributeType.S)
                .build(),
            AttributeDefinition.builder()
                .attributeName("SK")
                .attributeType(ScalarAttributeType.S)
                .build())
        .keySchema(
            KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("SK").keyType(KeyType.RANGE).build())
        .build();
  }

  /**
   * Creates the table and returns once it takes writes ({@link #awaitActive}); false, with nothing
   * changed, when a table of that name exists already.
   */
  public static boolean createTable(DynamoDbClient client, CreateTableRequest table) {
    try {
      client.createTable(table);
    } catch (ResourceInUseException e) {
      return false;
    }
    awaitActive(client, table.tableName());
    return true;
  }

  /**
   * Waits until {@code table} takes reads and writes: dynalite answers CreateTable while the table is
   * still CREATING (it turns ACTIVE on its next tick, even with {@code --createTableMs 0}), and a write
   * in between is refused with ResourceNotFoundException. Polls DescribeTable every 20 ms, for 5 s at
   * most.
   */
  public static void awaitActive(DynamoDbClient client, String table) {
    client
        .waiter()
        .waitUntilTableExists(
            r -> r.tableName(table),
            o ->
                o.maxAttempts(250)
                    .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(20))));
  }

  /** An SDK v2 client for this dynalite: static dummy credentials, retries off, so tests count attempts. */
  public DynamoDbClient client() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
        .build();
  }

  @Override
  public void close() {
    process.close();
  }

  /** The checkout root: system property {@code dr.root}, else the nearest parent holding package.json. */
  public static Path repositoryRoot() {
    return NodeProcess.repositoryRoot();
  }
}
