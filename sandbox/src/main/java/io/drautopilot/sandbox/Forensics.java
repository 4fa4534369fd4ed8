package io.drautopilot.sandbox;

import io.drautopilot.audit.Ed25519Keys;
import io.drautopilot.audit.Verification;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.notifier.adapter.kafka.IncidentLogReports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.IndexedRecord;

/**
 * {@code ./drill replay DIR [--incident ID]}: prints an incident's timeline again from a kept drill's
 * exported log alone (no running service, no database).
 */
final class Forensics {

  private Forensics() {}

  static int run(String[] args, PrintStream out) {
    if (args.length == 0) {
      throw new IllegalArgumentException("replay needs the kept drill directory");
    }
    Path dir = Path.of(args[0]);
    String incident = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--incident") && i + 1 < args.length) {
        incident = args[++i];
      } else {
        throw new IllegalArgumentException("unknown replay option '" + args[i] + "'");
      }
    }
    List<IndexedRecord> events = new ArrayList<>();
    List<LoggedRecord> log;
    try {
      log = EventLog.read(dir);
      for (LoggedRecord r : log) {
        if (r.value() == null || r.topic().endsWith(Topics.DEAD_LETTER_SUFFIX) || r.topic().equals(Topics.COMMAND_LEDGER)) {
          continue;
        }
        try {
          events.add((IndexedRecord) EventCodec.shared().decode(r.value()));
        } catch (RuntimeException e) {
          out.println("skipped undecodable record " + r.topic() + "/" + r.partition() + "@" + r.offset() + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      out.println("replay: " + e.getMessage());
      return 2;
    }
    Set<String> incidents = new LinkedHashSet<>();
    events.stream().filter(e -> e instanceof IncidentOpened).forEach(e -> incidents.add(TimelineLine.metadata(e).getIncidentId()));
    if (incident == null) {
      if (incidents.isEmpty()) {
        out.println("replay: no incident in " + dir);
        return 1;
      }
      incident = incidents.iterator().next();
    }
    String id = incident;
    List<IndexedRecord> ofIncident = events.stream().filter(e -> {
      EventMetadata m = TimelineLine.metadata(e);
      return m != null && id.equals(m.getIncidentId());
    }).toList();
    if (ofIncident.isEmpty()) {
      out.println("replay: incident " + id + " is not in the log; incidents: " + incidents);
      return 1;
    }
    out.println("Timeline of incident " + id + " (from " + dir.resolve("log") + ", " + ofIncident.size() + " events)");
    ofIncident.forEach(e -> out.println("  " + TimelineLine.format(e)));
    out.println();
    out.println("Post-incident report, rebuilt from the log alone:");
    out.println();
    // the notifier's own report code, fed with nothing but the logged records
    out.println(IncidentLogReports.markdown(IncidentLogReports.render(ofIncident)));
    out.println();
    return verifyChain(dir, id, log, out) ? 0 : 1;
  }

  /**
   * Verifies the incident's timeline from the kept log's raw records with the public key the drill published next to
   * the report: the log on disk can be checked for changes long after the drill, without the private key.
   */
  private static boolean verifyChain(Path dir, String incidentId, List<LoggedRecord> log, PrintStream out) {
    Path key = dir.resolve("reports").resolve(incidentId).resolve(AuditTrail.PUBLIC_KEY_FILE);
    if (!Files.isRegularFile(key)) {
      out.println("audit chain: NOT VERIFIED, no public key at " + key);
      return false;
    }
    Verification chain;
    try {
      chain = AuditTrail.verify(AuditTrail.timelineValues(log, incidentId), Ed25519Keys.publicKey(Files.readString(key)));
    } catch (IOException | IllegalArgumentException e) {
      out.println("audit chain: NOT VERIFIED, cannot read the public key " + key + ": " + e.getMessage());
      return false;
    }
    out.println("Audit chain, verified from the kept log with the public key " + key + ":");
    out.println("  chain head     " + (chain.head() == null ? "none" : chain.head()));
    out.println("  signing key    " + (chain.signingKeyId() == null ? "none" : chain.signingKeyId()));
    out.println("  " + chain.summary());
    return chain.status() == Verification.Status.VERIFIED;
  }
}
