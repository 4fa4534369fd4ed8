package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.restore.DnsRecordFailedOver;
import io.drautopilot.contracts.restore.FailOverDnsRecordCommand;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.restore.adapter.aws.DnsFailover;

/** FailOverDnsRecordCommand -> {@link DnsFailover#failOver}. */
public class FailOverDnsRecordHandler implements CommandHandler<FailOverDnsRecordCommand> {

  private final DnsFailover dns;

  public FailOverDnsRecordHandler(DnsFailover dns) {
    this.dns = dns;
  }

  @Override
  public Class<FailOverDnsRecordCommand> commandType() {
    return FailOverDnsRecordCommand.class;
  }

  @Override
  public DnsRecordFailedOver handle(FailOverDnsRecordCommand command, CommandContext context) {
    var r =
        dns.failOver(
            command.getHostedZoneId(),
            command.getRecordName(),
            command.getRecordType(),
            command.getTargetValue(),
            command.getTtlSeconds());
    return DnsRecordFailedOver.newBuilder()
        .setChangeId(r.changeId())
        .setStatus(r.status())
        .setPreviousValue(r.previousValue())
        .build();
  }
}
