package io.drautopilot.snapshots;

import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object read as a stream that survives broken connections: on an I/O error it opens a ranged
 * GET from the byte it had reached, with {@code If-Match} on the first response's ETag so a replaced
 * object fails (412) instead of being stitched together. A slow consumer (an import waiting on
 * DynamoDB) may hold the connection for minutes; S3 may close it; the read goes on.
 */
final class ResumingObjectStream extends InputStream {

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final int maxResumes;
  private ResponseInputStream<GetObjectResponse> current;
  private String etag;
  private long position;
  private int resumes;
  private boolean finished;

  ResumingObjectStream(S3Client s3, String bucket, String key, int maxResumes) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.maxResumes = maxResumes;
  }

  /** Ranged GETs opened after a broken connection. */
  int resumes() {
    return resumes;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (true) {
      if (current == null) {
        open();
      }
      try {
        int n = current.read(b, off, len);
        if (n > 0) {
          position += n;
        } else if (n < 0) {
          finished = true;
        }
        return n;
      } catch (IOException e) {
        if (resumes >= maxResumes) {
          throw new IOException(
              "reading s3://"
                  + bucket
                  + "/"
                  + key
                  + " failed at byte "
                  + position
                  + " after "
                  + resumes
                  + " resumed GETs: "
                  + e.getMessage(),
              e);
        }
        resumes++;
        closeCurrent(true);
      }
    }
  }

  private void open() {
    long from = position;
    String expected = etag;
    current =
        s3.getObject(
            r -> {
              r.bucket(bucket).key(key);
              if (from > 0) {
                r.range("bytes=" + from + "-");
              }
              if (expected != null) {
                r.ifMatch(expected);
              }
            });
    if (etag == null) {
      etag = current.response().eTag();
    }
  }

  @Override
  public void close() {
    // a stream closed before its end drops the connection rather than draining the rest
    closeCurrent(!finished);
  }

  private void closeCurrent(boolean abort) {
    if (current != null) {
      try {
        if (abort) {
          current.abort();
        }
        current.close();
      } catch (IOException | RuntimeException ignored) {
        // the connection is being dropped anyway
      }
      current = null;
    }
  }
}
