package io.drautopilot.deploy;

import java.util.List;
import java.util.Set;

/** The deployable services: module name (also image, Deployment, ServiceAccount and IAM role suffix) and HTTP port. */
final class DrServices {

  /**
   * {@code autoscaled}: a handler of Kafka records whose replicas a HorizontalPodAutoscaler sets.
   * {@code libraries}: project modules whose AWS calls run under this service's role (scanned with it).
   * {@code unusedLibraryClasses}: classes of those libraries the service never runs, left out of its
   * policy (validation reads snapshots and never writes one).
   */
  record DrService(
      String module,
      int port,
      boolean autoscaled,
      List<String> libraries,
      Set<String> unusedLibraryClasses) {

    DrService(String module, int port, boolean autoscaled) {
      this(module, port, autoscaled, List.of(), Set.of());
    }
  }

  static final List<DrService> ALL =
      List.of(
          new DrService("orchestrator-service", 8080, false),
          new DrService("detector-service", 8081, true),
          new DrService("restore-service", 8082, true, List.of("snapshot-store"), Set.of()),
          new DrService(
              "validation-service",
              8083,
              true,
              List.of("snapshot-store"),
              Set.of("io.drautopilot.snapshots.MultipartUploadStream")),
          new DrService("notifier-service", 8084, true),
          new DrService("containment-service", 8085, true),
          new DrService("readiness-service", 8088, false));

  /** Project modules every service shares; AWS calls there could not be attributed to one service's role. */
  static final List<String> SHARED_MODULES =
      List.of("schemas", "kafka-messaging", "aws-support", "integrity-rules");

  private DrServices() {}
}
