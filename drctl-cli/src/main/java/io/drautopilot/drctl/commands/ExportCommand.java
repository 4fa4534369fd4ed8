package io.drautopilot.drctl.commands;

import io.drautopilot.audit.ArchiveExistsException;
import io.drautopilot.audit.ArchiveManifest;
import io.drautopilot.audit.BrokenChainException;
import io.drautopilot.audit.IncidentArchive;
import io.drautopilot.audit.IncidentVerifier;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IncidentRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    header = "Archive every record about an incident (Avro data files plus a manifest).",
    description = {
      "Archive every record about an incident, from every topic, as Avro data files plus a manifest"
          + " (write-once), then read the archive back and verify it.",
      "Exit 1 when the archive does not verify, or when a timeline record is so damaged that nothing"
          + " can be archived (the chain is broken there)."
    },
    footer = {
      "",
      "Example:",
      "  drctl export 7f3c2a9e-... --to s3://dr-audit/incidents --public-key chain-signing.pub.pem",
      "  drctl export 7f3c2a9e-... --to ./evidence",
      "  drctl export 7f3c2a9e-... --from ./kept-drill --to s3://dr-audit/drills"
    })
public class ExportCommand extends ForensicCommand {

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DIR|s3://...",
      description = "Where the archive goes")
  String to;

  @Option(
      names = "--from",
      paramLabel = "DIR|s3://...",
      description =
          "Read the incident's records from an archive, or a kept drill's directory (./drill --keep DIR), instead of Kafka")
  String from;

  @Override
  public Integer call() {
    List<IncidentRecords.Rec> records = records(from, IncidentRecords.TOPICS);
    if (records.stream().noneMatch(IncidentRecords.Rec::timeline)) {
      throw DrctlException.usage(
          "no timeline records of incident " + incidentId + " in " + source(from));
    }
    if (!to.startsWith("s3://")) {
      try {
        Files.createDirectories(Path.of(to));
      } catch (java.io.IOException e) {
        throw DrctlException.usage("cannot create the directory " + to + ": " + e.getMessage());
      }
    }
    IncidentArchive archive =
        new IncidentArchive(
            IncidentRecords.store(settings(), to), new IncidentVerifier(keys()), Clock.systemUTC());
    ArchiveManifest manifest;
    try {
      manifest =
          archive.write(incidentId, records.stream().map(IncidentRecords.Rec::logRecord).toList());
    } catch (ArchiveExistsException e) {
      throw DrctlException.usage(
          "incident " + incidentId + " is already archived: " + e.getMessage());
    } catch (BrokenChainException e) {
      out().line("nothing archived for incident " + incidentId + ": " + e.verification().summary());
      return DrctlException.NEGATIVE;
    } catch (IllegalArgumentException e) {
      throw DrctlException.usage("cannot archive incident " + incidentId + ": " + e.getMessage());
    } catch (SdkException e) {
      throw DrctlException.unreachable(
          "cannot write the archive to " + to + ": " + e.getMessage(), e);
    }
    var verification =
        IncidentRecords.fromArchive(settings(), to, incidentId, keys()).verification();
    boolean verified =
        verification != null
            && verification.status() == io.drautopilot.audit.Verification.Status.VERIFIED;
    if (common.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("incidentId", incidentId);
      json.put("location", to);
      json.put("archiveId", manifest.archiveId());
      json.put("records", manifest.records());
      json.put("perTopic", manifest.recordCounts());
      json.put("verification", verification == null ? null : verification.summary());
      out().json(json);
    } else {
      out()
          .line(
              "archived incident "
                  + incidentId
                  + " to "
                  + to
                  + " (archive "
                  + manifest.archiveId()
                  + "): "
                  + manifest.records()
                  + " records");
      manifest.recordCounts().forEach((topic, n) -> out().line("  " + topic + ": " + n));
      out().line(verification == null ? "no timeline in the archive" : verification.summary());
    }
    return verified ? DrctlException.OK : DrctlException.NEGATIVE;
  }
}
