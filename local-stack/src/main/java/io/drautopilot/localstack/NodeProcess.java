package io.drautopilot.localstack;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
  private final Path output;

  private NodeProcess(String name, Process process, int port, Path output) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.output = output;
  }

  /**
   * Starts {@code node <arguments...>} where the arguments may name {@code {port}} and
   * {@code {root}}, and waits until the port answers HTTP.
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
    int port = FreePorts.pick();
    List<String> command = new ArrayList<>();
    command.add("node");
    for (String a : arguments) {
      command.add(a.replace("{port}", Integer.toString(port)).replace("{root}", root.toString()));
    }
    Path output = null;
    try {
      output = Files.createTempFile(name + "-", ".log");
      Process p =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      NodeProcess started = new NodeProcess(name, p, port, output);
      started.awaitServing(Duration.ofSeconds(30));
      return started;
    } catch (IOException e) {
      deleteQuietly(output);
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

  /**
   * Why the process no longer serves, when it has exited: its exit code and the end of what it printed; else an
   * empty string.
   */
  String exitReason() {
    if (process.isAlive()) {
      return "";
    }
    String printed;
    try {
      String all = Files.readString(output, StandardCharsets.UTF_8).strip();
      printed = all.isEmpty() ? "nothing" : all.substring(Math.max(0, all.length() - 2_000));
    } catch (IOException e) {
      printed = "(its output cannot be read: " + e.getMessage() + ")";
    }
    return name + " exited with code " + process.exitValue() + "; it printed: " + printed;
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
    deleteQuietly(output);
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

  /**
   * Waits until the server answers an HTTP request on its port, whatever the status: an accepted TCP connection alone
   * has been seen to precede refused ones (an S3 call right after refused four times in a row, about once in a hundred
   * starts on a loaded machine), and both tools speak HTTP.
   */
  private void awaitServing(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      String exited = exitReason();
      if (!exited.isEmpty()) {
        deleteQuietly(output);
        throw new IllegalStateException(exited);
      }
      if (answersHttp()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException(ie);
      }
    }
    close();
    throw new IllegalStateException(
        name + " did not answer HTTP on port " + port + " within " + timeout);
  }

  private boolean answersHttp() {
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
      c.setConnectTimeout(200);
      c.setReadTimeout(2_000);
      c.setUseCaches(false);
      return c.getResponseCode() > 0;
    } catch (IOException e) {
      return false;
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temporary file left behind
    }
  }
}
