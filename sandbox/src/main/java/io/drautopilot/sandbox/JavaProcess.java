package io.drautopilot.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * A child JVM of the production topology: one service from its packaged jar, or the standalone broker. Its output
 * goes to a log file in the drill's state directory (appended across restarts). {@link #kill()} is {@code kill -9}:
 * no shutdown hook, no listener stop, no offset commit, as a crashed machine would leave it.
 */
final class JavaProcess implements AutoCloseable {

  /** Small heaps and a quick JIT: seven JVMs share two cores in the drill. */
  static final List<String> JVM_OPTIONS =
      List.of(
          "-Xmx256m",
          "-Xss512k",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:MaxMetaspaceSize=192m",
          "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.drautopilot");

  private final String name;
  private final List<String> command;
  private final Path log;
  private final Map<String, String> environment;
  private volatile Process process;

  private JavaProcess(
      String name, List<String> command, Path log, Map<String, String> environment) {
    this.name = name;
    this.command = command;
    this.log = log;
    this.environment = Map.copyOf(environment);
  }

  /**
   * {@code java -jar <jar> <arguments>}, with {@code environment} added to this JVM's: secrets go there, as a
   * deployment mounts them, because the command line is visible to anyone listing processes.
   */
  static JavaProcess jar(
      String name, Path jar, List<String> arguments, Map<String, String> environment, Path log) {
    List<String> command = new ArrayList<>(java(JVM_OPTIONS));
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(arguments);
    return new JavaProcess(name, command, log, environment);
  }

  /**
   * A main class of the sandbox itself in a child JVM, on the sandbox's own classpath: the drill's jar (a Spring
   * Boot jar, whose nested libraries only Boot's {@code PropertiesLauncher} can put on a classpath) or, in the
   * build, the test JVM's classpath.
   */
  static JavaProcess sandboxMain(String name, Class<?> main, List<String> arguments, Path log) {
    return sandboxMain(name, main, JVM_OPTIONS, arguments, log);
  }

  /** As above, with {@code jvmOptions} instead of a service's small ones (a whole drill in one JVM needs more). */
  static JavaProcess sandboxMain(
      String name, Class<?> main, List<String> jvmOptions, List<String> arguments, Path log) {
    List<String> command = new ArrayList<>(java(jvmOptions));
    String classpath = System.getProperty("java.class.path");
    command.add("-cp");
    command.add(classpath);
    if (isBootJar(classpath)) {
      command.add("-Dloader.main=" + main.getName());
      command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
    } else {
      command.add(main.getName());
    }
    command.addAll(arguments);
    return new JavaProcess(name, command, log, Map.of());
  }

  private static List<String> java(List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    return command;
  }

  private static boolean isBootJar(String classpath) {
    if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
      return false;
    }
    try (JarFile jar = new JarFile(classpath)) {
      return jar.getEntry("BOOT-INF/classes/") != null || jar.getEntry("BOOT-INF/lib/") != null;
    } catch (IOException e) {
      return false;
    }
  }

  JavaProcess start() {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      process = builder.start();
      return this;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  Path log() {
    return log;
  }

  /** The exit code of a process that has ended. */
  int exitValue() {
    return process.exitValue();
  }

  /** {@code kill -9} ({@link Process#destroyForcibly()} is SIGKILL on Unix), and waits until it is gone. */
  void kill() {
    process.destroyForcibly();
    await(process, 30);
  }

  /** SIGTERM, as an orderly stop or a rolling restart does; SIGKILL if it has not stopped within 30 s. */
  void stop() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    if (!await(p, 30)) {
      p.destroyForcibly();
      await(p, 10);
    }
  }

  private static boolean await(Process p, int seconds) {
    try {
      return p.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
