package io.drautopilot.restore.adapter.aws;

import io.drautopilot.aws.Polling;
import io.drautopilot.restore.domain.RestoreRefusedException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * FailOverDnsRecord (runbook scenario 1 step 3, "implement traffic routing"): Route 53
 * ChangeResourceRecordSets UPSERT of the record to the recovery target, then GetChange until INSYNC.
 * It reads the record first: a record already pointing at the target is not changed again (a
 * redelivered command makes no second traffic change), and the old value is reported for the
 * compensation.
 */
public class DnsFailover {

  /** The change, or none when the record already pointed at the target. */
  public record FailedOver(String changeId, String status, String previousValue) {}

  private final Route53Client route53;
  private final Duration pollInterval;
  private final Duration timeout;

  public DnsFailover(Route53Client route53, Duration pollInterval, Duration timeout) {
    this.route53 = route53;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  public FailedOver failOver(
      String hostedZoneId,
      String recordName,
      String recordType,
      String targetValue,
      long ttlSeconds) {
    String previous = currentValue(hostedZoneId, recordName, recordType);
    if (targetValue.equals(previous)) {
      return new FailedOver(null, ChangeStatus.INSYNC.toString(), previous);
    }
    ChangeInfo change =
        route53
            .changeResourceRecordSets(
                b ->
                    b.hostedZoneId(hostedZoneId)
                        .changeBatch(
                            batch ->
                                batch
                                    .comment("DR failover of " + recordName)
                                    .changes(
                                        c ->
                                            c.action(ChangeAction.UPSERT)
                                                .resourceRecordSet(
                                                    r ->
                                                        r.name(recordName)
                                                            .type(recordType)
                                                            .ttl(ttlSeconds)
                                                            .resourceRecords(
                                                                v -> v.value(targetValue))))))
            .changeInfo();
    // the first check is the change as the UPSERT answered it, the next ones ask GetChange
    ChangeInfo answered = change;
    String id = change.id();
    AtomicReference<ChangeInfo> seen = new AtomicReference<>();
    try {
      ChangeInfo inSync =
          Polling.SYSTEM.until(
              "Route 53 change " + id + " INSYNC",
              timeout,
              pollInterval,
              () -> {
                ChangeInfo c =
                    seen.get() == null ? answered : route53.getChange(b -> b.id(id)).changeInfo();
                seen.set(c);
                return Optional.of(c).filter(s -> s.status() == ChangeStatus.INSYNC);
              });
      return new FailedOver(inSync.id(), inSync.statusAsString(), previous);
    } catch (Polling.TimedOut e) {
      throw new RestoreRefusedException(
          "ChangeNotInSync",
          "Route 53 change " + id + " still " + seen.get().statusAsString() + " after " + timeout,
          true);
    }
  }

  private String currentValue(String hostedZoneId, String recordName, String recordType) {
    var page =
        route53.listResourceRecordSets(
            b ->
                b.hostedZoneId(hostedZoneId)
                    .startRecordName(recordName)
                    .startRecordType(RRType.fromValue(recordType))
                    .maxItems("1"));
    for (ResourceRecordSet r : page.resourceRecordSets()) {
      if (sameName(r.name(), recordName)
          && recordType.equals(r.typeAsString())
          && !r.resourceRecords().isEmpty()) {
        return r.resourceRecords().get(0).value();
      }
    }
    return null;
  }

  private static boolean sameName(String a, String b) {
    return strip(a).equalsIgnoreCase(strip(b));
  }

  private static String strip(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
