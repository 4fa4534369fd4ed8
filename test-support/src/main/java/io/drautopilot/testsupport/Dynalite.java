package io.drautopilot.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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

  private final Process process;
  private final int port;

  private Dynalite(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The JVM-wide instance for {@code name} (e.g. "primary", "secondary"), started on first use. */
  public static Dynalite shared(String name) {
    return SHARED.computeIfAbsent(name, n -> {
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
    Path cli = repositoryRoot().resolve("node_modules/dynalite/cli.js");
    if (!Files.exists(cli)) {
      throw new IllegalStateException("dynalite is not installed at " + cli + ": run `npm ci` in the repository root");
    }
    int port = freePort();
    List<String> command = new ArrayList<>(List.of("node", cli.toString(), "--port", Integer.toString(port),
        "--host", "127.0.0.1", "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
    if (dataDirectory != null) {
      command.add("--path");
      command.add(dataDirectory.toString());
    }
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      waitForPort(p, port, Duration.ofSeconds(30));
      log.info("dynalite started on 127.0.0.1:{}", port);
      return new Dynalite(p, port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start dynalite (is Node.js 20+ on the PATH?): " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** An SDK v2 client for this dynalite: static dummy credentials, retries off, so tests count attempts. */
  public DynamoDbClient client() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
        .build();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The checkout root: system property {@code dr.root}, else the nearest parent holding package.json. */
  public static Path repositoryRoot() {
    String configured = System.getProperty("dr.root");
    if (configured != null && Files.exists(Path.of(configured, "package.json"))) {
      return Path.of(configured);
    }
    for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
      if (new File(dir, "package.json").exists() && new File(dir, "pom.xml").exists()) {
        return dir.toPath();
      }
    }
    throw new IllegalStateException("cannot find the repository root (package.json); set -Ddr.root");
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void waitForPort(Process p, int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IllegalStateException("dynalite exited at start with code " + p.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(ie);
        }
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("dynalite did not listen on port " + port + " within " + timeout);
  }
}
