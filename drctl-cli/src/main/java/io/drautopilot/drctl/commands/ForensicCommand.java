package io.drautopilot.drctl.commands;

import io.drautopilot.audit.ArchivedIncident;
import io.drautopilot.audit.ChainVerifier;
import io.drautopilot.drctl.DrctlCommand;
import io.drautopilot.drctl.DrctlException;
import io.drautopilot.drctl.IncidentRecords;
import io.drautopilot.drctl.KafkaLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A command about what happened: it reads the incident's records from the topics, or from its archive with {@code --from}. */
abstract class ForensicCommand extends DrctlCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The incident")
  String incidentId;

  @Option(names = "--public-key", paramLabel = "FILE", description = "A published chain-signing public key (PEM; repeatable; config public-keys=)")
  List<Path> publicKeys = new ArrayList<>();

  /** The incident's records from Kafka ({@code topics}) or, when {@code from} is given, from its archive (all of them). */
  List<IncidentRecords.Rec> records(String from, List<String> topics) {
    if (from != null) {
      ArchivedIncident archived = IncidentRecords.fromArchive(settings(), from, incidentId, keys());
      return IncidentRecords.of(archived, from).stream().filter(r -> topics.contains(r.topic())).toList();
    }
    try (KafkaLog log = new KafkaLog(settings().bootstrap(), settings().kafkaProperties(), settings().timeout())) {
      return IncidentRecords.fromKafka(log, incidentId, topics, this::note);
    }
  }

  ChainVerifier keys() {
    try {
      List<String> pems = new ArrayList<>(settings().publicKeys());
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
}
