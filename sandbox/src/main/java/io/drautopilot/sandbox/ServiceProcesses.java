package io.drautopilot.sandbox;

import io.drautopilot.aws.AwsClientFactory;
import io.drautopilot.aws.AwsProperties;
import io.drautopilot.aws.RegionalClients;
import io.drautopilot.localstack.Dynalite;
import io.drautopilot.localstack.FreePorts;
import io.drautopilot.sandbox.faults.FaultRequest;
import io.drautopilot.sandbox.faults.SandboxFaultInjector;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The production topology: every service from its packaged jar ({@code <module>/target/<module>-*-exec.jar}, what
 * the Dockerfiles ship) as its own JVM, with the same settings as in the one-JVM drill, each waited on until its
 * {@code /actuator/health} is UP. Services can be killed ({@code kill -9}) and started again mid-recovery.
 *
 * <p>The detector's jar has no drill fault API (that is sandbox code), so here the drill holds the
 * {@link SandboxFaultInjector} itself: it reaches the same dynalite the detector probes and the same recording
 * endpoint, and its faults are seen by the detector's probes exactly as in the one-JVM drill.
 */
final class ServiceProcesses implements DrillServices {

  static final List<String> SERVICES =
      List.of(
          "readiness-service",
          "restore-service",
          "validation-service",
          "notifier-service",
          "containment-service",
          "orchestrator-service",
          "detector-service");

  private final SandboxServices.Settings settings;
  private final Map<String, JavaProcess> processes = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final SandboxFaultInjector faults;
  private final RegionalClients<DynamoDbClient> dynamo;

  private ServiceProcesses(SandboxServices.Settings settings, Dynalite secondary) {
    this.settings = settings;
    // The faults reach each region's dynalite as the services do: the same endpoints, the same
    // client factory.
    AwsProperties aws = new AwsProperties();
    aws.setRegion(SandboxDrill.PRIMARY);
    aws.setStaticCredentials(true);
    aws.getEndpoints().put("dynamodb", settings.primary().endpoint().toString());
    aws.getEndpoints()
        .put("dynamodb." + SandboxDrill.PRIMARY, settings.primary().endpoint().toString());
    aws.getEndpoints().put("dynamodb." + SandboxDrill.SECONDARY, secondary.endpoint().toString());
    this.dynamo = new AwsClientFactory(aws).perRegion(DynamoDbClient::builder, "dynamodb", c -> {});
    this.faults =
        new SandboxFaultInjector(
            dynamo::forRegion,
            Map.of(
                SandboxDrill.PRIMARY,
                List.of(
                    SeedData.entitiesTable(settings.tablePrefix()),
                    SeedData.eventsTable(settings.tablePrefix()))),
            SandboxDrill.INTEGRITY_SAMPLE,
            settings.recorder() + "/__admin",
            new PrimaryRegionOutage(settings.primary()),
            Clock.systemUTC());
  }

  /** Starts every service from its jar, all at once, and waits until each reports UP. */
  static ServiceProcesses start(
      SandboxServices.Settings settings,
      Dynalite secondary,
      Path root,
      List<AutoCloseable> running) {
    ServiceProcesses s = new ServiceProcesses(settings, secondary);
    // closed with the processes, at the drill's end
    running.add(s.dynamo);
    Map<String, Path> jars = copyBuiltTogether(root, settings.state().resolve("jars"));
    for (String name : SERVICES) {
      int port = FreePorts.pick();
      List<String> args = new ArrayList<>();
      SandboxServices.configuration(settings, name, port)
          .forEach((k, v) -> args.add("--" + k + "=" + v));
      Map<String, String> environment = new LinkedHashMap<>();
      SandboxServices.secrets(settings, name)
          .forEach((k, v) -> environment.put(SandboxServices.environmentName(k), v));
      JavaProcess p =
          JavaProcess.jar(
              name,
              jars.get(name),
              args,
              environment,
              settings.state().resolve("logs").resolve(name + ".log"));
      s.processes.put(name, p.start());
      s.ports.put(name, port);
      running.add(p);
    }
    // six JVMs starting at once on two busy cores took up to 4 minutes on a loaded build machine
    for (String name : SERVICES) {
      s.awaitUp(name, Duration.ofMinutes(6));
    }
    return s;
  }

  /**
   * Copies every service's jar and checks that they carry the same contracts (the {@code schemas} jar inside): a
   * service built before a contract change writes or expects records the others cannot decode, and the recovery would
   * stall on a dead-lettered result. A mixture seen while a build is rewriting the jars is copied again until it
   * settles.
   */
  private static Map<String, Path> copyBuiltTogether(Path root, Path dir) {
    Map<String, String> contracts = Map.of();
    for (int attempt = 0; attempt < 20; attempt++) {
      Map<String, Path> jars = new LinkedHashMap<>();
      for (String name : SERVICES) {
        jars.put(name, copy(jar(root, name), dir));
      }
      contracts = new LinkedHashMap<>();
      for (var e : jars.entrySet()) {
        contracts.put(e.getKey(), contractsDigest(e.getValue()));
      }
      if (new java.util.HashSet<>(contracts.values()).size() == 1) {
        return jars;
      }
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException(
        "the services' jars were built from different contracts (SHA-256 of the schemas "
            + "jar inside each: "
            + contracts
            + "); build them together: ./mvnw package -DskipTests");
  }

  /** SHA-256 (first 12 hex digits) of the {@code schemas} library nested in a service's jar. */
  static String contractsDigest(Path jar) {
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      var entry =
          file.stream()
              .filter(
                  e ->
                      e.getName().startsWith("BOOT-INF/lib/schemas-")
                          && e.getName().endsWith(".jar"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException(jar + " holds no schemas library"));
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      try (var in = file.getInputStream(entry)) {
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
        }
      }
      return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot read " + jar + ": " + e.getMessage(), e);
    }
  }

  /** The service's packaged jar in the checkout ({@code ./mvnw package} builds it). */
  static Path jar(Path root, String service) {
    Path target = root.resolve(service).resolve("target");
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      return files
          .filter(
              f ->
                  f.getFileName().toString().startsWith(service + "-")
                      && f.getFileName().toString().endsWith("-exec.jar"))
          .max(Comparator.comparing(f -> f.toFile().lastModified()))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no packaged jar of "
                          + service
                          + " in "
                          + target
                          + ": run ./mvnw package -DskipTests"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * The drill runs its own copy of each jar: a rebuild in the checkout during the drill must not pull classes from
   * under a running JVM, and a restarted service must be the same version as the one it replaces. A jar being
   * rewritten by a build at the moment of the copy is caught by reading the copy back as a jar, and copied again.
   */
  private static Path copy(Path jar, Path dir) {
    String last = "";
    for (int attempt = 0; attempt < 60; attempt++) {
      try {
        Files.createDirectories(dir);
        Path copy =
            Files.copy(
                jar,
                dir.resolve(jar.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (java.util.jar.JarFile read = new java.util.jar.JarFile(copy.toFile())) {
          if (read.getManifest() != null
              && read.getManifest().getMainAttributes().getValue("Start-Class") != null) {
            return copy;
          }
          last = "no Start-Class in its manifest";
        }
      } catch (IOException e) {
        last = e.getMessage();
      }
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("cannot copy a complete " + jar + " (" + last + ")");
  }

  /** The checkout root: system property {@code dr.root}, else the nearest parent holding the services' modules. */
  static Path root() {
    String configured = System.getProperty("dr.root");
    if (configured != null && Files.isDirectory(Path.of(configured, "restore-service"))) {
      return Path.of(configured).toAbsolutePath();
    }
    for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
      if (new File(dir, "restore-service").isDirectory() && new File(dir, "pom.xml").exists()) {
        return dir.toPath();
      }
    }
    throw new IllegalStateException(
        "cannot find the checkout with the services' modules; set -Ddr.root");
  }

  /** {@code kill -9} of the service's JVM; returns its pid. */
  long kill(String service) {
    JavaProcess p = process(service);
    long pid = p.pid();
    p.kill();
    return pid;
  }

  /** Starts the service again from its jar with the same settings and port; waits until it is UP. */
  long restart(String service) {
    JavaProcess p = process(service);
    p.start();
    awaitUp(service, Duration.ofMinutes(3));
    return p.pid();
  }

  private JavaProcess process(String service) {
    JavaProcess p = processes.get(service);
    if (p == null) {
      throw new IllegalArgumentException(
          "no service " + service + "; the services are " + SERVICES);
    }
    return p;
  }

  private void awaitUp(String service, Duration timeout) {
    JavaProcess p = process(service);
    URI health = URI.create("http://127.0.0.1:" + port(service) + "/actuator/health");
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(service + " exited at start; see " + p.log());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200
            && r.body().startsWith("{")
            && r.body().contains("\"status\":\"UP\"}")) {
          return;
        }
        last = "HTTP " + r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + service);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + service);
      }
    }
    throw new IllegalStateException(
        service + " was not UP within " + timeout + " (" + last + "); see " + p.log());
  }

  @Override
  public String describe() {
    StringBuilder b = new StringBuilder();
    processes.forEach(
        (n, p) ->
            b.append(b.length() == 0 ? "" : ", ")
                .append(n)
                .append(" :")
                .append(ports.get(n))
                .append(" (pid ")
                .append(p.pid())
                .append(')'));
    return b.toString();
  }

  @Override
  public int port(String service) {
    return ports.get(service);
  }

  @Override
  public void inject(DrillOptions.Scenario scenario, String table)
      throws IOException, InterruptedException {
    if (scenario.fault == null) {
      DrillServices.post(
          http,
          port("detector-service"),
          "/maintenance/runs",
          DrillServices.maintenanceRun(scenario, table));
      return;
    }
    faults.inject(new FaultRequest(scenario.fault, SandboxDrill.PRIMARY, table, null, null, null));
  }
}
