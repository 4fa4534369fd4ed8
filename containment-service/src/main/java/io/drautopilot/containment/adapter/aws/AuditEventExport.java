package io.drautopilot.containment.adapter.aws;

import io.drautopilot.aws.RegionalClients;
import io.drautopilot.containment.domain.AuditWindow;
import io.drautopilot.containment.domain.ContainmentException;
import io.drautopilot.containment.domain.EvidenceStore;
import io.drautopilot.contracts.containment.AuditEventsExported;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudWatch Logs FilterLogEvents (every page, bounded: a page token seen twice or more than
 * {@code maxPages} pages fail the export, never loop) over the incident window, widened back to the configured
 * {@link AuditWindow} (by default the seed's 24 hours before its end), written as JSON lines to the evidence store.
 * The result gives the window actually exported. The evidence name is derived from the incident and that window, so a
 * redelivered export finds its first copy and does not replace it.
 */
public class AuditEventExport {

  private static final JsonMapper JSON = new JsonMapper();

  /** Pages of up to 10,000 events or 1 MB each: 10,000 pages is far beyond a day of one table's reads. */
  public static final int DEFAULT_MAX_PAGES = 10_000;

  private final RegionalClients<CloudWatchLogsClient> logs;
  private final Function<String, EvidenceStore> stores;
  private final AuditWindow window;
  private final int maxPages;

  /** @param stores evidence store for a destination (null: the configured one) */
  public AuditEventExport(
      RegionalClients<CloudWatchLogsClient> logs, Function<String, EvidenceStore> stores) {
    this(logs, stores, AuditWindow.SEED);
  }

  public AuditEventExport(
      RegionalClients<CloudWatchLogsClient> logs,
      Function<String, EvidenceStore> stores,
      AuditWindow window) {
    this(logs, stores, window, DEFAULT_MAX_PAGES);
  }

  /** @param maxPages the most FilterLogEvents pages one export reads before it is refused as too large */
  public AuditEventExport(
      RegionalClients<CloudWatchLogsClient> logs,
      Function<String, EvidenceStore> stores,
      AuditWindow window,
      int maxPages) {
    this.logs = logs;
    this.stores = stores;
    this.window = window;
    this.maxPages = maxPages;
  }

  /** @param requestedStart the incident's impact start; the export starts at least {@link AuditWindow#minimum()} before {@code end} */
  public AuditEventsExported export(
      String incidentId,
      String logGroupName,
      Instant requestedStart,
      Instant end,
      String filterPattern,
      String region,
      String destination) {
    Instant start = window.startFor(requestedStart, end);
    EvidenceStore store = stores.apply(destination);
    String name = evidenceName(incidentId, logGroupName, start, end);
    Optional<EvidenceStore.Stored> existing = store.find(name);
    EvidenceStore.Stored stored =
        existing.orElseGet(
            () -> exportTo(store, name, logGroupName, start, end, filterPattern, region));
    return AuditEventsExported.newBuilder()
        .setLogGroupName(logGroupName)
        .setFilterPattern(filterPattern)
        .setStartTime(start)
        .setEndTime(end)
        .setEventCount(stored.records())
        .setLocation(stored.location())
        .setSha256(stored.sha256())
        .setAlreadyExported(existing.isPresent())
        .build();
  }

  static String evidenceName(String incidentId, String logGroupName, Instant start, Instant end) {
    String group = logGroupName.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+", "");
    String incident = incidentId.replaceAll("[^A-Za-z0-9._-]+", "_");
    return incident
        + "/audit-events/"
        + group
        + "-"
        + start.toEpochMilli()
        + "-"
        + end.toEpochMilli()
        + ".jsonl";
  }

  private EvidenceStore.Stored exportTo(
      EvidenceStore store,
      String name,
      String logGroupName,
      Instant start,
      Instant end,
      String filterPattern,
      String region) {
    Path staged = null;
    try {
      staged = Files.createTempFile("audit-events-", ".jsonl");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long count = 0;
      try (BufferedWriter out =
          new BufferedWriter(
              new OutputStreamWriter(
                  new DigestOutputStream(Files.newOutputStream(staged), sha),
                  StandardCharsets.UTF_8))) {
        CloudWatchLogsClient client = logs.forRegion(region);
        String token = null;
        Set<String> tokens = new HashSet<>();
        do {
          String page = token;
          FilterLogEventsResponse response =
              client.filterLogEvents(
                  b ->
                      b.logGroupName(logGroupName)
                          .filterPattern(filterPattern)
                          .startTime(start.toEpochMilli())
                          .endTime(end.toEpochMilli())
                          .nextToken(page));
          for (FilteredLogEvent e : response.events()) {
            ObjectNode line = JSON.createObjectNode();
            line.put("eventId", e.eventId());
            line.put(
                "timestamp",
                e.timestamp() == null ? null : Instant.ofEpochMilli(e.timestamp()).toString());
            line.put(
                "ingestionTime",
                e.ingestionTime() == null
                    ? null
                    : Instant.ofEpochMilli(e.ingestionTime()).toString());
            line.put("logStreamName", e.logStreamName());
            line.put("message", e.message());
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
            count++;
          }
          token =
              response.nextToken() == null || response.nextToken().isEmpty()
                  ? null
                  : response.nextToken();
          if (token != null && !tokens.add(token)) {
            // the same page again would loop for ever and grow the evidence without end
            throw new ContainmentException(
                "ExportDidNotProgress",
                "FilterLogEvents on "
                    + logGroupName
                    + " returned a page token it had already returned, after "
                    + count
                    + " events in "
                    + tokens.size()
                    + " pages; the export is incomplete and was not stored",
                true);
          }
          if (tokens.size() >= maxPages) {
            throw new ContainmentException(
                "ExportTooLarge",
                "FilterLogEvents on "
                    + logGroupName
                    + " has more than "
                    + maxPages
                    + " pages ("
                    + count
                    + " events so far) for "
                    + start
                    + ".."
                    + end
                    + "; narrow the filter pattern or raise dr.containment.audit-export.max-pages",
                false);
          }
        } while (token != null);
      }
      return store.putIfAbsent(name, staged, HexFormat.of().formatHex(sha.digest()), count);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot stage the audit events of " + logGroupName + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      if (staged != null) {
        try {
          Files.deleteIfExists(staged);
        } catch (IOException ignored) {
          // a leftover temporary file is harmless
        }
      }
    }
  }
}
