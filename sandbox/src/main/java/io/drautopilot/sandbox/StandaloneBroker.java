package io.drautopilot.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A standalone single-node KRaft broker (combined broker and controller), run as its own process by the
 * drill's production topology: Apache Kafka's own {@code kafka-storage format} then {@code kafka-server-start},
 * from the {@code kafka_2.13} jars on this classpath.
 *
 * <p>Usage: {@code StandaloneBroker <data-dir> <port> <controller-port>}. The data directory keeps the log and
 * its {@code server.properties}; started again on the same directory and ports it is the same broker with the
 * same log (the broker restart drill), so formatting happens only once.
 */
public final class StandaloneBroker {

  private StandaloneBroker() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: StandaloneBroker <data-dir> <port> <controller-port>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    Path config = writeConfig(dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    if (!Files.exists(dir.resolve("log").resolve("meta.properties"))) {
      int formatted =
          kafka.tools.StorageTool.execute(
              new String[] {
                "format",
                "--config",
                config.toString(),
                "--cluster-id",
                "drSandboxCluster00000w",
                "--ignore-formatted"
              },
              new PrintStream(System.out, true));
      if (formatted != 0) {
        System.err.println("formatting " + dir + " failed (" + formatted + ")");
        System.exit(1);
      }
    }
    kafka.Kafka.main(new String[] {config.toString()});
  }

  static Path writeConfig(Path dir, int port, int controllerPort) throws IOException {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", dir.resolve("log").toString());
    p.setProperty("num.partitions", "3");
    // one node: every internal topic with one replica
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "false");
    // small heaps die at start with the default 128 MB dedupe buffer
    p.setProperty("log.cleaner.dedupe.buffer.size", "8388608");
    Files.createDirectories(dir);
    Path file = dir.resolve("server.properties");
    try (Writer w = Files.newBufferedWriter(file)) {
      p.store(w, "standalone KRaft broker of the sandbox drill");
    }
    return file;
  }
}
