package io.drautopilot.containment.adapter.aws;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.containment.domain.ContainmentException;
import io.drautopilot.contracts.containment.VpcFlowLogsEnabled;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;

/** EC2 CreateFlowLogs for a VPC to CloudWatch Logs, unless a flow log of that VPC already delivers to the group. */
public class FlowLogsEnabler {

  private final RegionalClients<Ec2Client> ec2;

  public FlowLogsEnabler(RegionalClients<Ec2Client> ec2) {
    this.ec2 = ec2;
  }

  public VpcFlowLogsEnabled enable(
      String vpcId,
      String logGroupName,
      String deliverLogsPermissionArn,
      String trafficType,
      String region,
      String clientToken) {
    Ec2Client client = ec2.forRegion(region);
    List<FlowLog> before = flowLogs(client, vpcId);
    Optional<FlowLog> existing =
        before.stream().filter(f -> deliversTo(f, logGroupName)).findFirst();
    String flowLogId;
    if (existing.isPresent()) {
      flowLogId = existing.get().flowLogId();
    } else {
      // The client token makes a repeated call (an SDK retry, a redelivery) return the first flow
      // log.
      CreateFlowLogsResponse created =
          client.createFlowLogs(
              b ->
                  b.resourceIds(vpcId)
                      .resourceType(FlowLogsResourceType.VPC)
                      .trafficType(trafficType)
                      .logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS)
                      .logGroupName(logGroupName)
                      .deliverLogsPermissionArn(deliverLogsPermissionArn)
                      .clientToken(clientToken));
      if (!created.unsuccessful().isEmpty()) {
        UnsuccessfulItem failed = created.unsuccessful().get(0);
        String code = failed.error() == null ? "FlowLogNotCreated" : failed.error().code();
        String message =
            failed.error() == null ? "CreateFlowLogs reported " + failed : failed.error().message();
        throw new ContainmentException(
            code, "flow log for " + vpcId + " not created: " + message, false);
      }
      flowLogId = created.flowLogIds().isEmpty() ? null : created.flowLogIds().get(0);
    }
    List<FlowLog> after = existing.isPresent() ? before : flowLogs(client, vpcId);
    if (flowLogId == null) {
      flowLogId =
          after.stream()
              .filter(f -> deliversTo(f, logGroupName))
              .map(FlowLog::flowLogId)
              .findFirst()
              .orElseThrow(
                  () ->
                      new ContainmentException(
                          "FlowLogNotCreated",
                          "no flow log of "
                              + vpcId
                              + " delivers to "
                              + logGroupName
                              + " after CreateFlowLogs",
                          true));
    }
    return VpcFlowLogsEnabled.newBuilder()
        .setVpcId(vpcId)
        .setLogGroupName(logGroupName)
        .setFlowLogId(flowLogId)
        .setFlowLogIdsBefore(before.stream().map(FlowLog::flowLogId).toList())
        .setFlowLogIdsAfter(after.stream().map(FlowLog::flowLogId).toList())
        .setAlreadyEnabled(existing.isPresent())
        .build();
  }

  private static boolean deliversTo(FlowLog f, String logGroupName) {
    return f.logDestinationType() == LogDestinationType.CLOUD_WATCH_LOGS
        && logGroupName.equals(f.logGroupName())
        && !"FAILED".equalsIgnoreCase(f.deliverLogsStatus());
  }

  private static List<FlowLog> flowLogs(Ec2Client client, String vpcId) {
    return client
        .describeFlowLogsPaginator(
            b -> b.filter(Filter.builder().name("resource-id").values(vpcId).build()))
        .flowLogs()
        .stream()
        .toList();
  }
}
