package io.drautopilot.notifier.adapter.audit;

import io.drautopilot.audit.ArchiveStore;
import io.drautopilot.localstack.S3rver;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/** Archiving closed incidents to {@code s3://bucket/prefix} on a real S3-compatible server (s3rver). */
class S3IncidentArchiverIT extends IncidentArchiverContract {

  static S3Client s3;
  static String bucket;

  @BeforeAll
  static void start() {
    S3rver server = S3rver.shared();
    bucket = server.bucket("dr-notifier-archive");
    s3 = server.client();
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Override
  ArchiveStore store() {
    return ArchiveStore.at("s3://" + bucket + "/incidents-" + UUID.randomUUID(), () -> s3);
  }
}
