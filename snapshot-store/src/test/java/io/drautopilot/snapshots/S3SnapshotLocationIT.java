package io.drautopilot.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.localstack.S3rver;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The snapshot contract against a real S3-compatible server (s3rver), plus what only S3 has. */
class S3SnapshotLocationIT extends SnapshotLocationContract {

  static final int PART = 5 * 1024 * 1024;
  static S3rver server;
  static S3Client s3;
  static String bucket;

  @BeforeAll
  static void start() {
    server = S3rver.shared();
    bucket = server.bucket("dr-snapshots");
    s3 = server.client();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Override
  SnapshotLocation location() {
    return store().location("s3://" + bucket + "/" + UUID.randomUUID());
  }

  @Override
  SnapshotStore store() {
    return new SnapshotStore(() -> s3, PART);
  }

  @Override
  void overwriteManifest(Snapshot s, String content) {
    String key =
        s.uri().substring(("s3://" + bucket + "/").length()) + "/" + SnapshotNaming.MANIFEST;
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
  }

  @Test
  void aSegmentLargerThanAPartIsAMultipartUploadAndReadsBackByteForByte() throws IOException {
    byte[] data = new byte[2 * PART + 12345];
    new Random(7).nextBytes(data);
    List<String> calls = new ArrayList<>();
    S3Client spied = spy(calls, Integer.MAX_VALUE);
    Snapshot s =
        new SnapshotStore(() -> spied, PART)
            .location("s3://" + bucket + "/" + UUID.randomUUID())
            .snapshot("entities", T1);
    try (OutputStream out = s.createSegment(0)) {
      for (int off = 0; off < data.length; off += 1000) {
        out.write(data, off, Math.min(1000, data.length - off));
      }
    }
    assertThat(calls)
        .containsExactly(
            "createMultipartUpload",
            "uploadPart",
            "uploadPart",
            "uploadPart",
            "completeMultipartUpload");
    try (InputStream in = s.openSegment(0)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void aBrokenConnectionResumesWithARangedGetAndLosesOrRepeatsNoByte() throws IOException {
    byte[] data = new byte[300_000];
    new Random(11).nextBytes(data);
    Snapshot written = location().snapshot("entities", T1);
    try (OutputStream out = written.createSegment(0)) {
      out.write(data);
    }
    List<String> calls = new ArrayList<>();
    S3Client flaky = spy(calls, 100_000);
    Snapshot s = new SnapshotStore(() -> flaky, PART).snapshot(written.uri());
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    try (InputStream in = s.openSegment(0)) {
      in.transferTo(read);
    }
    assertThat(read.toByteArray()).isEqualTo(data);
    assertThat(calls).containsExactly("getObject ", "getObject bytes=100000-");
  }

  @Test
  void theLatestCompleteSnapshotIsFoundNewestFirstWithoutReadingEveryManifest() {
    // given a year's worth of snapshots, the newest one incomplete (an export still running)
    String where = "s3://" + bucket + "/" + UUID.randomUUID();
    SnapshotLocation writer = store().location(where);
    for (int i = 0; i < 30; i++) {
      writer
          .snapshot("entities", T1.minus(java.time.Duration.ofDays(i)))
          .writeManifest(manifest(T1.minus(java.time.Duration.ofDays(i)), true));
    }
    writer.snapshot("entities", T2).writeManifest(manifest(T2, false));
    List<String> calls = new ArrayList<>();
    S3Client spied = spy(calls, Integer.MAX_VALUE);

    // when
    var latest = new SnapshotStore(() -> spied, PART).location(where).latestComplete("entities");

    // then the newest complete one, found by reading two manifests, not 31
    assertThat(latest).map(l -> l.manifest().takenAt()).contains(T1);
    assertThat(calls).filteredOn(c -> c.startsWith("getObject")).hasSize(2);
  }

  @Test
  void aMissingBucketIsAnErrorNotAnEmptyLocation() {
    SnapshotStore store = store();
    assertThatThrownBy(() -> store.location("s3://no-such-bucket-here/prod").list("entities"))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
  }

  @Test
  void aBucketAloneIsALocationButNotASnapshot() {
    assertThat(store().location("s3://" + bucket).snapshot("entities", T1).uri())
        .isEqualTo("s3://" + bucket + "/entities/20260115T100000000Z");
    assertThatThrownBy(() -> store().snapshot("s3://" + bucket)).hasMessageContaining("key prefix");
  }

  @Test
  void aFailedPartAbortsTheUploadSoNoHalfSegmentAppears() {
    List<String> calls = new ArrayList<>();
    S3Client failing = spy(calls, Integer.MAX_VALUE, "uploadPart", 2);
    Snapshot s =
        new SnapshotStore(() -> failing, PART)
            .location("s3://" + bucket + "/" + UUID.randomUUID())
            .snapshot("entities", T1);
    byte[] data = new byte[3 * PART];
    new Random(3).nextBytes(data);

    assertThatThrownBy(
            () -> {
              try (OutputStream out = s.createSegment(0)) {
                out.write(data);
              }
            })
        .isInstanceOf(S3Exception.class);

    assertThat(calls)
        .containsExactly(
            "createMultipartUpload", "uploadPart", "uploadPart", "abortMultipartUpload");
    String key =
        s.uri().substring(("s3://" + bucket + "/").length())
            + "/"
            + SnapshotNaming.segmentFileName(0);
    assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key(key)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  static S3Client spy(List<String> calls, int bytes) {
    return spy(calls, bytes, null, 0);
  }

  /**
   * The real client, recording the operations called (GetObject with its range), except that the
   * body of the first GetObject breaks after {@code bytes}, and call number {@code failingCall} of
   * {@code failingOperation} (if given) answers 500 as S3 does under trouble.
   */
  static S3Client spy(List<String> calls, int bytes, String failingOperation, int failingCall) {
    boolean[] broken = {false};
    int[] seen = {0};
    return (S3Client)
        Proxy.newProxyInstance(
            S3Client.class.getClassLoader(),
            new Class<?>[] {S3Client.class},
            (proxy, method, args) -> {
              if (args != null
                  && args.length > 0
                  && args[0] instanceof java.util.function.Consumer) {
                // the builder overloads build the request and call the proxy again
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
              }
              if (method.getName().equals("getObject")
                  && args.length == 1
                  && args[0] instanceof GetObjectRequest r) {
                calls.add("getObject " + (r.range() == null ? "" : r.range()));
                ResponseInputStream<GetObjectResponse> real = s3.getObject(r);
                if (broken[0]) {
                  return real;
                }
                broken[0] = true;
                return new ResponseInputStream<>(
                    real.response(),
                    new FilterInputStream(real) {
                      long passed;

                      @Override
                      public int read(byte[] b, int off, int len) throws IOException {
                        if (passed >= bytes) {
                          throw new IOException("connection reset");
                        }
                        int n = super.read(b, off, (int) Math.min(len, bytes - passed));
                        passed += Math.max(n, 0);
                        return n;
                      }
                    });
              }
              calls.add(method.getName());
              if (method.getName().equals(failingOperation) && ++seen[0] == failingCall) {
                throw S3Exception.builder()
                    .statusCode(500)
                    .message("We encountered an internal error")
                    .build();
              }
              try {
                return method.invoke(s3, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
