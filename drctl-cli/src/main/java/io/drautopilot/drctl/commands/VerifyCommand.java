package io.drautopilot.drctl.commands;

import io.drautopilot.audit.IncidentVerifier;
import io.drautopilot.audit.Verification;
import io.drautopilot.contracts.Topics;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IncidentRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an incident's timeline against its hash chain and signed head.",
      "Exit 0 only when the chain verifies; 1 when it is broken, unchained or not signed yet."
    },
    footer = {
      "",
      "Example:",
      "  drctl verify 7f3c2a9e-... --public-key chain-signing.pub.pem",
      "  drctl verify 7f3c2a9e-... --from /srv/dr-archive --public-key chain-signing.pub.pem"
    })
public class VerifyCommand extends ForensicCommand {

  @Option(
      names = "--from",
      paramLabel = "DIR|s3://...",
      description =
          "Verify the incident's archive, or a kept drill's directory (its published key by default), instead of Kafka")
  String from;

  @Override
  public Integer call() {
    List<byte[]> timeline =
        records(from, List.of(Topics.INCIDENT_TIMELINE)).stream()
            .map(IncidentRecords.Rec::value)
            .toList();
    if (timeline.isEmpty()) {
      throw DrctlException.usage(
          "no timeline records of incident " + incidentId + " in " + source(from));
    }
    Verification v = new IncidentVerifier(keys()).verifyEncoded(timeline);
    if (common.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("status", v.status().name());
      json.put("incidentId", v.incidentId());
      json.put("records", v.records());
      json.put("unchainedRecords", v.unchainedRecords());
      json.put("head", v.head());
      json.put("signingKeyId", v.signingKeyId());
      v.firstBrokenLink()
          .ifPresent(
              b ->
                  json.put(
                      "brokenLink",
                      Map.of(
                          "index",
                          b.index(),
                          "eventId",
                          String.valueOf(b.eventId()),
                          "problem",
                          b.problem())));
      json.put("summary", v.summary());
      out().json(json);
    } else {
      out().line(v.summary());
    }
    return v.status() == Verification.Status.VERIFIED ? DrctlException.OK : DrctlException.NEGATIVE;
  }
}
