package io.drautopilot.sandbox.faults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Just enough CBOR (RFC 8949) to write CloudWatch responses for the sandbox's recording endpoint: the SDK talks
 * Smithy RPC v2 CBOR to CloudWatch, so a stub answering GetMetricData must be CBOR too. Maps, lists, strings,
 * doubles and integers.
 */
final class Cbor {

  static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object value) {
    if (value instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      head(out, 3, b.length);
      out.writeBytes(b);
    } else if (value instanceof Map<?, ?> m) {
      head(out, 5, m.size());
      m.forEach(
          (k, v) -> {
            write(out, k);
            write(out, v);
          });
    } else if (value instanceof List<?> l) {
      head(out, 4, l.size());
      l.forEach(v -> write(out, v));
    } else if (value instanceof Double d) {
      out.write(0xfb);
      long bits = Double.doubleToLongBits(d);
      for (int i = 7; i >= 0; i--) {
        out.write((int) (bits >>> (8 * i)) & 0xff);
      }
    } else if (value instanceof Integer || value instanceof Long) {
      long n = ((Number) value).longValue();
      if (n < 0) {
        head(out, 1, -1 - n);
      } else {
        head(out, 0, n);
      }
    } else {
      throw new IllegalArgumentException("cannot encode " + value);
    }
  }

  private static void head(ByteArrayOutputStream out, int major, long length) {
    int mt = major << 5;
    if (length < 24) {
      out.write(mt | (int) length);
    } else if (length < 0x100) {
      out.write(mt | 24);
      out.write((int) length);
    } else if (length < 0x10000) {
      out.write(mt | 25);
      out.write((int) (length >>> 8));
      out.write((int) length & 0xff);
    } else {
      out.write(mt | 26);
      for (int i = 3; i >= 0; i--) {
        out.write((int) (length >>> (8 * i)) & 0xff);
      }
    }
  }

  private Cbor() {}
}
