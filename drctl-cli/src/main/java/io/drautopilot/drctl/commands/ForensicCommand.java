package io.drautopilot.drctl.commands;

import io.drautopilot.audit.ArchivedIncident;
import io.drautopilot.audit.ChainVerifier;
import io.drautopilot.drctl.DrctlCommand;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.DrillLog;
import io.drautopilot.drctl.IncidentRecords;
import io.drautopilot.drctl.KafkaLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command about what happened: it reads the incident's records from the topics, or with {@code --from} from its archive
 * or a kept drill's directory.
 */
abstract class ForensicCommand extends DrctlCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The incident")
  String incidentId;

  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description = "A published chain-signing public key (PEM; repeatable; config public-keys=)")
  List<Path> publicKeys = new ArrayList<>();

  /** The kept drill read by {@link #records} or {@link #everyIncidents}, when {@code --from} named one. */
  DrillLog drill;

  /**
   * The incident's records from Kafka ({@code topics}) or, when {@code from} is given, from a kept drill's directory
   * (its exported log) or from the incident's archive (all of them).
   */
  List<IncidentRecords.Rec> records(String from, List<String> topics) {
    if (from != null && keptDrill(from)) {
      drill = DrillLog.read(Path.of(from));
      return IncidentRecords.fromEntries(drill.entries(topics), incidentId, this::note);
    }
    if (from != null) {
      ArchivedIncident archived = IncidentRecords.fromArchive(settings(), from, incidentId, keys());
      return IncidentRecords.of(archived, from).stream()
          .filter(r -> topics.contains(r.topic()))
          .toList();
    }
    try (KafkaLog log =
        new KafkaLog(settings().bootstrap(), settings().kafkaProperties(), settings().timeout())) {
      return IncidentRecords.fromKafka(log, incidentId, topics, this::note);
    }
  }

  /**
   * Every record of {@code topics}, of all incidents, from Kafka or a kept drill's log; empty from an archive, which
   * holds one incident's records only.
   */
  List<io.drautopilot.drctl.KafkaLog.Entry> everyIncidents(String from, List<String> topics) {
    if (from != null && keptDrill(from)) {
      if (drill == null) {
        drill = DrillLog.read(Path.of(from));
      }
      return drill.entries(topics);
    }
    if (from != null) {
      return List.of();
    }
    try (io.drautopilot.drctl.KafkaLog log =
        new io.drautopilot.drctl.KafkaLog(
            settings().bootstrap(), settings().kafkaProperties(), settings().timeout())) {
      return log.readAll(topics);
    }
  }

  ChainVerifier keys() {
    try {
      List<String> pems = new ArrayList<>(settings().publicKeys());
      if (pems.isEmpty() && publicKeys.isEmpty() && drill != null) {
        // the key the drill published next to the incident's report
        for (Path published : drill.publicKey(incidentId).stream().toList()) {
          pems.add(Files.readString(published));
        }
      }
      for (Path p : publicKeys) {
        if (!Files.isRegularFile(p)) {
          throw DrctlException.usage("public key file " + p + " does not exist");
        }
        pems.add(Files.readString(p));
      }
      return ChainVerifier.fromKeys(pems.toArray(String[]::new));
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw DrctlException.usage("cannot read the public keys: " + e.getMessage());
    }
  }

  String source(String from) {
    return from != null ? from : "Kafka at " + settings().bootstrap();
  }

  /** A kept drill's directory ({@code ./drill --keep DIR}) rather than an archive: it has the exported log. */
  static boolean keptDrill(String from) {
    return !from.startsWith("s3://") && DrillLog.isKeptDrill(Path.of(from));
  }
}
