package io.drautopilot.validation.adapter.aws;

import io.drautopilot.integrity.ItemView;
import io.drautopilot.integrity.dynamodb.DynamoDbItems;
import io.drautopilot.validation.domain.ScannedItem;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A canonical, order-free encoding of an SDK item and its hashes, so the same item hashes the same
 * whether it came from a Scan page or a snapshot line: attributes, map entries and set members
 * sorted, numbers normalised ({@code 1.50} = {@code 1.5}), every value tagged with its type.
 *
 * <p>One instance per scanning thread (it reuses its buffer and digest); the {@link ScannedItem}s
 * it makes compute their hashes lazily, on the same thread, within the sink call.
 */
public final class CanonicalItems {

  private final List<String> keyAttributes;
  private final MessageDigest md5;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
  private final DataOutputStream out = new DataOutputStream(bytes);

  public CanonicalItems(List<String> keyAttributes) {
    this.keyAttributes = List.copyOf(keyAttributes);
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public ScannedItem scanned(Map<String, AttributeValue> item) {
    return new Scanned(item);
  }

  private final class Scanned implements ScannedItem {
    private final Map<String, AttributeValue> item;
    private long keyHash;
    private boolean keyHashed;
    private long high;
    private long low;
    private boolean hashed;

    Scanned(Map<String, AttributeValue> item) {
      this.item = item;
    }

    @Override
    public ItemView view() {
      return DynamoDbItems.view(item);
    }

    @Override
    public String key() {
      return keyOf(item);
    }

    @Override
    public long keyHash() {
      if (!keyHashed) {
        keyHash = ByteBuffer.wrap(digest(true)).getLong();
        keyHashed = true;
      }
      return keyHash;
    }

    @Override
    public long contentHashHigh() {
      hash();
      return high;
    }

    @Override
    public long contentHashLow() {
      hash();
      return low;
    }

    private void hash() {
      if (!hashed) {
        ByteBuffer b = ByteBuffer.wrap(digest(false));
        high = b.getLong();
        low = b.getLong();
        hashed = true;
      }
    }

    private byte[] digest(boolean keyOnly) {
      bytes.reset();
      try {
        if (keyOnly) {
          for (String k : keyAttributes) {
            AttributeValue v = item.get(k);
            if (v == null) {
              out.write('-');
            } else {
              value(v);
            }
          }
        } else {
          String[] names = item.keySet().toArray(String[]::new);
          Arrays.sort(names);
          out.writeInt(names.length);
          for (String name : names) {
            string(name);
            value(item.get(name));
          }
        }
        out.flush();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      md5.reset();
      md5.update(bytes.toByteArray());
      return md5.digest();
    }
  }

  /** {@code PK=EMPLOYEE#1|SK=PROFILE}: the key attributes only, the same format as the rules' keyOf. */
  public String keyOf(Map<String, AttributeValue> item) {
    StringBuilder sb = new StringBuilder();
    for (String k : keyAttributes) {
      if (!sb.isEmpty()) {
        sb.append('|');
      }
      AttributeValue v = item.get(k);
      sb.append(k).append('=');
      if (v == null) {
        sb.append("<missing>");
      } else if (v.s() != null) {
        sb.append(v.s());
      } else if (v.n() != null) {
        sb.append(v.n());
      } else if (v.b() != null) {
        sb.append(Base64.getEncoder().encodeToString(v.b().asByteArrayUnsafe()));
      } else {
        sb.append('<').append(v.type()).append('>');
      }
    }
    return sb.toString();
  }

  private void value(AttributeValue v) throws IOException {
    switch (v.type()) {
      case S -> {
        out.write('S');
        string(v.s());
      }
      case N -> {
        out.write('N');
        string(number(v.n()));
      }
      case B -> {
        out.write('B');
        binary(v.b());
      }
      case BOOL -> {
        out.write('O');
        out.write(Boolean.TRUE.equals(v.bool()) ? 1 : 0);
      }
      case NUL -> out.write('0');
      case M -> {
        out.write('M');
        TreeMap<String, AttributeValue> sorted = new TreeMap<>(v.m());
        out.writeInt(sorted.size());
        for (Map.Entry<String, AttributeValue> e : sorted.entrySet()) {
          string(e.getKey());
          value(e.getValue());
        }
      }
      case L -> {
        out.write('L');
        out.writeInt(v.l().size());
        for (AttributeValue e : v.l()) {
          value(e);
        }
      }
      case SS -> {
        out.write('T');
        List<String> s = new ArrayList<>(v.ss());
        s.sort(null);
        out.writeInt(s.size());
        for (String e : s) {
          string(e);
        }
      }
      case NS -> {
        out.write('U');
        List<String> s = new ArrayList<>(v.ns().size());
        v.ns().forEach(n -> s.add(number(n)));
        s.sort(null);
        out.writeInt(s.size());
        for (String e : s) {
          string(e);
        }
      }
      case BS -> {
        out.write('V');
        List<byte[]> s = new ArrayList<>(v.bs().size());
        v.bs().forEach(b -> s.add(b.asByteArrayUnsafe()));
        s.sort(Arrays::compareUnsigned);
        out.writeInt(s.size());
        for (byte[] e : s) {
          out.writeInt(e.length);
          out.write(e);
        }
      }
      default ->
          throw new IllegalArgumentException("attribute type " + v.type() + " is not supported");
    }
  }

  private void string(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private void binary(SdkBytes b) throws IOException {
    byte[] a = b.asByteArrayUnsafe();
    out.writeInt(a.length);
    out.write(a);
  }

  /** DynamoDB numbers compare by value: 1.50, 1.5 and 15E-1 are one number. */
  static String number(String n) {
    boolean plainInteger = !n.isEmpty() && n.length() < 19;
    for (int i = 0; plainInteger && i < n.length(); i++) {
      char c = n.charAt(i);
      plainInteger = (c >= '0' && c <= '9') || (i == 0 && c == '-' && n.length() > 1);
    }
    if (plainInteger && !(n.startsWith("0") && n.length() > 1) && !n.startsWith("-0")) {
      return n;
    }
    BigDecimal d = new BigDecimal(n);
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }
}
