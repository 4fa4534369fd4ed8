package io.drautopilot.localstack;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js tool from the repository's pinned {@code node_modules} (dynalite, s3rver) run as a child
 * process listening on a free loopback port; {@link #close()} stops it.
 */
final class NodeProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final int port;

  private NodeProcess(String name, Process process, int port) {
    this.name = name;
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code node <arguments...>} where the arguments may name {@code {port}} and
   * {@code {root}}, and waits until the port accepts connections.
   *
   * @param name what is started, for messages ("dynalite", "s3rver")
   * @param installedFile a file under {@code node_modules} that must exist (else: run npm ci)
   */
  static NodeProcess start(String name, String installedFile, List<String> arguments) {
    Path root = repositoryRoot();
    if (!Files.exists(root.resolve(installedFile))) {
      throw new IllegalStateException(
          name
              + " is not installed at "
              + root.resolve(installedFile)
              + ": run `npm ci` in the repository root");
    }
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add("node");
    for (String a : arguments) {
      command.add(a.replace("{port}", Integer.toString(port)).replace("{root}", root.toString()));
    }
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      waitForPort(name, p, port, Duration.ofSeconds(30));
      return new NodeProcess(name, p, port);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start " + name + " (is Node.js 20+ on the PATH?): " + e.getMessage(), e);
    }
  }

  int port() {
    return port;
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The checkout root: system property {@code dr.root}, else the nearest parent holding package.json. */
  static Path repositoryRoot() {
    String configured = System.getProperty("dr.root");
    if (configured != null && Files.exists(Path.of(configured, "package.json"))) {
      return Path.of(configured);
    }
    for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
      if (new File(dir, "package.json").exists() && new File(dir, "pom.xml").exists()) {
        return dir.toPath();
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (package.json); set -Ddr.root");
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void waitForPort(String name, Process p, int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IllegalStateException(name + " exited at start with code " + p.exitValue());
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
    throw new IllegalStateException(
        name + " did not listen on port " + port + " within " + timeout);
  }
}
