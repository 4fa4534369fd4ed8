package io.drautopilot.deploy;

import static java.util.Map.entry;

import io.drautopilot.deploy.AwsCallScanner.Call;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns AWS SDK v2 call sites into the IAM actions they need.
 *
 * <p>A client, paginator or waiter method is an API operation when one of its overloads takes that
 * operation's {@code <Operation>Request} (so {@code scanPaginator} is {@code Scan} and
 * {@code waitUntilTableExists} is {@code DescribeTable}); {@code serviceName()}, {@code close()} and
 * builders are not calls to AWS. The IAM action is {@code <prefix>:<Operation>}, except for the
 * documented renames and additions below.
 */
final class AwsOperations {

  /** SDK service package (under {@code software.amazon.awssdk.services}) to IAM service prefix. */
  static final Map<String, String> IAM_PREFIX =
      Map.ofEntries(
          entry("applicationautoscaling", "application-autoscaling"),
          entry("backup", "backup"),
          entry("cloudwatch", "cloudwatch"),
          entry("cloudwatchlogs", "logs"),
          entry("dynamodb", "dynamodb"),
          entry("dynamodb/streams", "dynamodb"),
          entry("ec2", "ec2"),
          entry("eventbridge", "events"),
          entry("iam", "iam"),
          entry("kms", "kms"),
          entry("lambda", "lambda"),
          entry("route53", "route53"),
          entry("s3", "s3"),
          entry("secretsmanager", "secretsmanager"),
          entry("sns", "sns"),
          entry("sqs", "sqs"),
          entry("ssm", "ssm"),
          entry("sts", "sts"));

  /** Operations whose IAM action has another name, or that are authorised by other actions. */
  static final Map<String, Set<String>> AUTHORISED_BY =
      Map.ofEntries(
          entry("lambda:Invoke", Set.of("lambda:InvokeFunction")),
          entry("lambda:InvokeWithResponseStream", Set.of("lambda:InvokeFunction")),
          entry("s3:HeadObject", Set.of("s3:GetObject")),
          entry("s3:HeadBucket", Set.of("s3:ListBucket")),
          entry("s3:ListObjects", Set.of("s3:ListBucket")),
          entry("s3:ListObjectsV2", Set.of("s3:ListBucket")),
          // multipart uploads are authorised by s3:PutObject (AbortMultipartUpload is its own
          // action)
          entry("s3:CreateMultipartUpload", Set.of("s3:PutObject")),
          entry("s3:UploadPart", Set.of("s3:PutObject")),
          entry("s3:CompleteMultipartUpload", Set.of("s3:PutObject")),
          // DynamoDB transactions are authorised per item action.
          entry(
              "dynamodb:TransactWriteItems",
              Set.of(
                  "dynamodb:PutItem",
                  "dynamodb:UpdateItem",
                  "dynamodb:DeleteItem",
                  "dynamodb:ConditionCheckItem")),
          entry("dynamodb:TransactGetItems", Set.of("dynamodb:GetItem")));

  private static final Set<String> DYNAMODB_RESTORE_TARGET =
      Set.of(
          "dynamodb:BatchWriteItem",
          "dynamodb:DeleteItem",
          "dynamodb:GetItem",
          "dynamodb:PutItem",
          "dynamodb:Query",
          "dynamodb:Scan",
          "dynamodb:UpdateItem");

  /**
   * What IAM needs beyond the operation's own action (AWS documents each of these):
   * a DynamoDB restore writes the target table with the caller's rights; AWS Backup jobs run as a
   * role the caller passes; exports write and imports read S3 and log to CloudWatch Logs.
   */
  static final Map<String, Set<String>> ALSO_NEEDS =
      Map.ofEntries(
          entry("dynamodb:RestoreTableToPointInTime", DYNAMODB_RESTORE_TARGET),
          entry("dynamodb:RestoreTableFromBackup", DYNAMODB_RESTORE_TARGET),
          entry("backup:StartRestoreJob", Set.of("iam:PassRole")),
          entry("backup:StartBackupJob", Set.of("iam:PassRole")),
          // Flow logs deliver to CloudWatch Logs as a role the caller passes; rotation runs the
          // secret's rotation Lambda.
          entry("ec2:CreateFlowLogs", Set.of("iam:PassRole")),
          entry("secretsmanager:RotateSecret", Set.of("lambda:InvokeFunction")),
          // Registering a DynamoDB scalable target reads and updates the table, and creates the
          // service-linked role once;
          // a target-tracking policy creates and removes CloudWatch alarms.
          entry(
              "application-autoscaling:RegisterScalableTarget",
              Set.of(
                  "dynamodb:DescribeTable", "dynamodb:UpdateTable", "iam:CreateServiceLinkedRole")),
          entry(
              "application-autoscaling:PutScalingPolicy",
              Set.of(
                  "cloudwatch:DeleteAlarms",
                  "cloudwatch:DescribeAlarms",
                  "cloudwatch:PutMetricAlarm")),
          entry(
              "dynamodb:ExportTableToPointInTime",
              Set.of("s3:AbortMultipartUpload", "s3:PutObject", "s3:PutObjectAcl")),
          entry(
              "dynamodb:ImportTable",
              Set.of(
                  "s3:GetObject",
                  "s3:ListBucket",
                  "logs:CreateLogGroup",
                  "logs:CreateLogStream",
                  "logs:DescribeLogGroups",
                  "logs:DescribeLogStreams",
                  "logs:PutLogEvents",
                  "logs:PutRetentionPolicy")));

  /**
   * The operations of the classes that send SigV4-signed requests themselves (AWS Backup,
   * Application Auto Scaling and AWS Health have no SDK v2 module obtainable here), as their authors list them.
   * {@link AwsCallScanner#signedRequestSites} finds every such class, so one missing here fails the
   * check, and so does an entry whose class no longer signs.
   */
  static final Map<String, Set<String>> SIGNED_REQUEST_OPERATIONS =
      Map.of(
          "io.drautopilot.restore.adapter.aws.AwsBackupApi",
              Set.of(
                  "backup:ListRecoveryPointsByBackupVault",
                  "backup:ListRecoveryPointsByResource",
                  "backup:StartRestoreJob",
                  "backup:DescribeRestoreJob"),
          "io.drautopilot.restore.adapter.aws.AutoScalingConfigurer",
              Set.of(
                  "application-autoscaling:RegisterScalableTarget",
                  "application-autoscaling:PutScalingPolicy"),
          "io.drautopilot.detector.adapter.aws.BackupHealthProbe", Set.of("backup:ListBackupJobs"),
          "io.drautopilot.detector.adapter.aws.AwsHealthProbe", Set.of("health:DescribeEvents"));

  /** Operations whose IAM actions depend on the request (a PartiQL statement): declare them by hand before using them. */
  static final Set<String> REQUEST_DEPENDENT =
      Set.of(
          "dynamodb:ExecuteStatement",
          "dynamodb:BatchExecuteStatement",
          "dynamodb:ExecuteTransaction");

  /** The IAM actions a body of code needs, the call sites behind each, and what could not be mapped. */
  record Derived(SortedMap<String, SortedSet<String>> actionsWithCallers, List<String> problems) {
    SortedSet<String> actions() {
      return new TreeSet<>(actionsWithCallers.keySet());
    }
  }

  private AwsOperations() {}

  static Derived derive(Collection<Call> calls) {
    SortedMap<String, SortedSet<String>> actions = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (String site : AwsCallScanner.signedRequestSites(calls)) {
      Set<String> declared = SIGNED_REQUEST_OPERATIONS.get(site);
      if (declared == null) {
        problems.add(
            site
                + " sends SigV4-signed AWS requests without an SDK client, so its operations cannot be read from "
                + "the code: list them in AwsOperations.SIGNED_REQUEST_OPERATIONS");
        continue;
      }
      for (String api : declared) {
        actions
            .computeIfAbsent(api, a -> new TreeSet<>())
            .add(site + " (signed request, AwsOperations.SIGNED_REQUEST_OPERATIONS)");
        for (String extra : ALSO_NEEDS.getOrDefault(api, Set.of())) {
          actions
              .computeIfAbsent(extra, a -> new TreeSet<>())
              .add("needed by " + api + " (AwsOperations.ALSO_NEEDS)");
        }
      }
    }
    for (Call call : calls) {
      String owner = call.owner();
      if (owner.startsWith(AwsCallScanner.SDK_PREFIX + "enhanced/")) {
        problems.add(
            call.caller()
                + " calls the DynamoDB enhanced client ("
                + simpleName(owner)
                + "."
                + call.method()
                + "); map its operations in AwsOperations before using it");
        continue;
      }
      Optional<String> service = serviceKey(owner);
      if (service.isEmpty()) {
        continue; // model classes, builders, core types: not calls to AWS
      }
      Optional<String> operation;
      try {
        operation = operation(owner, call.method());
      } catch (ClassNotFoundException e) {
        problems.add(
            call.caller()
                + " calls "
                + owner.replace('/', '.')
                + " which is not on deploy-verification's test classpath");
        continue;
      }
      if (operation.isEmpty()) {
        continue; // serviceName(), close(), waiter(), ...
      }
      String prefix = IAM_PREFIX.get(service.get());
      if (prefix == null) {
        problems.add(
            call.caller()
                + " calls "
                + service.get()
                + " ("
                + call.method()
                + "): add its IAM prefix to AwsOperations.IAM_PREFIX");
        continue;
      }
      String api = prefix + ":" + operation.get();
      if (REQUEST_DEPENDENT.contains(api)) {
        problems.add(
            call.caller()
                + " calls "
                + api
                + ", whose IAM actions depend on the statement; map it in AwsOperations");
        continue;
      }
      String where = call.caller() + " (" + simpleName(owner) + "." + call.method() + ")";
      for (String action : AUTHORISED_BY.getOrDefault(api, Set.of(api))) {
        actions.computeIfAbsent(action, a -> new TreeSet<>()).add(where);
      }
      for (String extra : ALSO_NEEDS.getOrDefault(api, Set.of())) {
        actions
            .computeIfAbsent(extra, a -> new TreeSet<>())
            .add("needed by " + api + " (AwsOperations.ALSO_NEEDS)");
      }
    }
    return new Derived(actions, problems);
  }

  /** {@code dynamodb} for the client and its waiters, {@code dynamodb/streams} for the streams client; empty for anything else. */
  static Optional<String> serviceKey(String owner) {
    String services = AwsCallScanner.SDK_PREFIX + "services/";
    if (!owner.startsWith(services)) {
      return Optional.empty();
    }
    List<String> parts =
        new ArrayList<>(Arrays.asList(owner.substring(services.length()).split("/")));
    String type = parts.remove(parts.size() - 1);
    if (!parts.isEmpty() && parts.get(parts.size() - 1).equals("waiters")) {
      parts.remove(parts.size() - 1);
    } else if (!(type.endsWith("Client"))) {
      return Optional.empty();
    }
    if (parts.isEmpty()
        || parts.stream()
            .anyMatch(
                p ->
                    Set.of("model", "paginators", "internal", "transform", "endpoints")
                        .contains(p))) {
      return Optional.empty();
    }
    return Optional.of(String.join("/", parts));
  }

  /** The API operation behind a client or waiter method: the overload taking {@code <Operation>Request} names it. */
  static Optional<String> operation(String owner, String method) throws ClassNotFoundException {
    Class<?> type =
        Class.forName(owner.replace('/', '.'), false, AwsOperations.class.getClassLoader());
    for (Method m : type.getMethods()) {
      if (m.getName().equals(method) && m.getParameterCount() > 0) {
        Class<?> first = m.getParameterTypes()[0];
        String name = first.getSimpleName();
        if (first.getPackageName().startsWith("software.amazon.awssdk.services.")
            && first.getPackageName().endsWith(".model")
            && name.endsWith("Request")
            && name.length() > "Request".length()) {
          return Optional.of(name.substring(0, name.length() - "Request".length()));
        }
      }
    }
    return Optional.empty();
  }

  private static String simpleName(String owner) {
    return owner.substring(owner.lastIndexOf('/') + 1);
  }
}
