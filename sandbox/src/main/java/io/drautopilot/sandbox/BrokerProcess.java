package io.drautopilot.sandbox;

import io.drautopilot.localstack.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The production topology's Kafka: a {@link StandaloneBroker} in its own JVM, with its log in the drill's state
 * directory. {@link #restart()} stops it as a rolling restart would (SIGTERM) and starts it again on the same
 * ports and the same log.
 */
final class BrokerProcess implements AutoCloseable {

  private final JavaProcess process;
  private final int port;

  private BrokerProcess(JavaProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  static BrokerProcess start(Path dir) {
    int port = FreePorts.pick();
    int controllerPort = FreePorts.pick();
    JavaProcess p =
        JavaProcess.sandboxMain(
            "kafka",
            StandaloneBroker.class,
            List.of(
                dir.resolve("data").toString(),
                Integer.toString(port),
                Integer.toString(controllerPort)),
            dir.resolve("kafka.log"));
    BrokerProcess broker = new BrokerProcess(p.start(), port);
    broker.awaitReady(Duration.ofSeconds(90));
    return broker;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** Stops the broker (SIGTERM, controlled shutdown), starts it again on the same log and waits until it answers. */
  Duration restart() {
    long t0 = System.nanoTime();
    process.stop();
    process.start();
    awaitReady(Duration.ofSeconds(90));
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "not reached";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Kafka broker exited at start; see " + process.log());
      }
      try (Admin admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers(),
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  2000,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  3000))) {
        if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (Exception e) {
        last = e.getMessage();
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException(
        "the Kafka broker did not answer within "
            + timeout
            + " ("
            + last
            + "); see "
            + process.log());
  }

  @Override
  public void close() {
    process.stop();
  }
}
