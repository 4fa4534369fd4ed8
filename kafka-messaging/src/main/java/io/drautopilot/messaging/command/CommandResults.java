package io.drautopilot.messaging.command;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import org.apache.avro.Schema;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds the {@code <Verb><Noun>Result} of a {@code <Verb><Noun>Command} generically: every result
 * has {@code metadata} and an {@code outcome} union of its success record and {@link CommandFailure}.
 */
public final class CommandResults {

  private CommandResults() {}

  public static SpecificRecord success(
      SpecificRecord command, EventMetadata resultMetadata, SpecificRecord outcome) {
    return build(command, resultMetadata, outcome);
  }

  public static SpecificRecord failure(
      SpecificRecord command, EventMetadata resultMetadata, CommandFailure failure) {
    return build(command, resultMetadata, failure);
  }

  public static CommandFailure failureOf(
      String code, String message, boolean retryable, String awsRequestId) {
    return CommandFailure.newBuilder()
        .setCode(code)
        .setMessage(message == null ? code : message)
        .setRetryable(retryable)
        .setAwsRequestId(awsRequestId)
        .build();
  }

  /** The result class paired with a command class by the naming convention. */
  public static Class<?> resultTypeOf(Class<?> commandType) {
    String name = commandType.getName();
    if (!name.endsWith("Command")) {
      throw new IllegalArgumentException(
          name + " does not follow the <Verb><Noun>Command convention");
    }
    try {
      return Class.forName(
          name.substring(0, name.length() - "Command".length()) + "Result",
          true,
          commandType.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no result type for " + name, e);
    }
  }

  private static SpecificRecord build(
      SpecificRecord command, EventMetadata metadata, Object outcome) {
    Class<?> resultType = resultTypeOf(command.getClass());
    Schema schema = SpecificData.get().getSchema(resultType);
    SpecificRecord result = (SpecificRecord) SpecificData.newInstance(resultType, schema);
    result.put(schema.getField("metadata").pos(), metadata);
    Schema.Field outcomeField = schema.getField("outcome");
    if (!isBranchOf(outcomeField.schema(), outcome)) {
      throw new IllegalArgumentException(
          outcome.getClass().getSimpleName() + " is not an outcome of " + schema.getName());
    }
    result.put(outcomeField.pos(), outcome);
    return result;
  }

  private static boolean isBranchOf(Schema union, Object outcome) {
    try {
      return SpecificData.get().resolveUnion(union, outcome) >= 0;
    } catch (UnresolvedUnionException e) {
      return false;
    }
  }
}
