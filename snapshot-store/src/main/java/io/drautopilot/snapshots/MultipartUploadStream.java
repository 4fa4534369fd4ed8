package io.drautopilot.snapshots;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Every write of a snapshot to S3 goes through this class (so a service that only reads snapshots
 * can be kept out of S3's write actions): {@link #putWhole} for small objects (the manifest), and an
 * instance for an object written as it is produced: bytes fill a part buffer; each full part is uploaded
 * (UploadPart) before more is accepted, so memory is one part whatever the object size. An object
 * smaller than one part is a single PutObject. Closing completes the upload; a failure aborts it,
 * so nothing half-written becomes visible under the key.
 */
final class MultipartUploadStream extends OutputStream {

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final byte[] buffer;
  private final List<CompletedPart> parts = new ArrayList<>();
  private int filled;
  private String uploadId;
  private boolean closed;

  MultipartUploadStream(S3Client s3, String bucket, String key, int partSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.buffer = new byte[partSize];
  }

  /** One PutObject: the object appears whole or not at all. */
  static void putWhole(S3Client s3, String bucket, String key, String contentType, byte[] bytes) {
    s3.putObject(
        r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    if (filled == buffer.length) {
      uploadPart();
    }
    buffer[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    while (len > 0) {
      if (filled == buffer.length) {
        uploadPart();
      }
      int n = Math.min(len, buffer.length - filled);
      System.arraycopy(b, off, buffer, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (uploadId == null) {
        s3.putObject(
            r -> r.bucket(bucket).key(key), RequestBody.fromBytes(Arrays.copyOf(buffer, filled)));
        return;
      }
      if (filled > 0) {
        uploadPart();
      }
      s3.completeMultipartUpload(
          r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      abort(e);
      throw e;
    }
  }

  private void uploadPart() {
    try {
      if (uploadId == null) {
        uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
      }
      int number = parts.size() + 1;
      byte[] body = filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
      String etag =
          s3.uploadPart(
                  r ->
                      r.bucket(bucket)
                          .key(key)
                          .uploadId(uploadId)
                          .partNumber(number)
                          .contentLength((long) body.length),
                  RequestBody.fromBytes(body))
              .eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      filled = 0;
    } catch (RuntimeException e) {
      closed = true;
      abort(e);
      throw e;
    }
  }

  private void abort(RuntimeException cause) {
    if (uploadId == null) {
      return;
    }
    try {
      s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
    uploadId = null;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("upload of s3://" + bucket + "/" + key + " is closed");
    }
  }
}
