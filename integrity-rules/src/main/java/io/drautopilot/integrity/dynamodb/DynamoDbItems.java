package io.drautopilot.integrity.dynamodb;

import io.drautopilot.integrity.AttributeType;
import io.drautopilot.integrity.ItemView;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Adapts an AWS SDK v2 item ({@code Map<String, AttributeValue>}) to the rules' {@link ItemView}. */
public final class DynamoDbItems {

  private DynamoDbItems() {}

  public static ItemView view(Map<String, AttributeValue> item) {
    return new ItemView() {
      @Override
      public AttributeType typeOf(String attribute) {
        AttributeValue v = item.get(attribute);
        return v == null ? null : typeOf(v);
      }

      private AttributeType typeOf(AttributeValue v) {
        return switch (v.type()) {
          case S -> AttributeType.S;
          case N -> AttributeType.N;
          case B -> AttributeType.B;
          case BOOL -> AttributeType.BOOL;
          case NUL -> AttributeType.NULL;
          case M -> AttributeType.M;
          case L -> AttributeType.L;
          case SS -> AttributeType.SS;
          case NS -> AttributeType.NS;
          case BS -> AttributeType.BS;
          case UNKNOWN_TO_SDK_VERSION -> null;
        };
      }

      @Override
      public String scalar(String attribute) {
        AttributeValue v = item.get(attribute);
        if (v == null) {
          return null;
        }
        return v.s() != null ? v.s() : v.n();
      }
    };
  }
}
