package io.drautopilot.console.adapter.http;

import io.drautopilot.console.domain.Drills;
import io.drautopilot.console.domain.Incident;
import io.drautopilot.console.domain.Runbook;
import io.drautopilot.console.domain.StepGraph;
import io.drautopilot.console.domain.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pictures, drawn on the server as SVG (no script, so they show with JavaScript off): a
 * runbook's step graph, an incident's gantt, the drills' restore times. Every mark carries its words
 * (state, duration, verdict), so nothing is told by colour alone; the pages list the same facts in a
 * table next to each picture.
 */
final class Drawings {

  private static final int BOX_W = 210;
  private static final int BOX_H = 66;
  private static final int GAP_X = 46;
  private static final int GAP_Y = 14;
  private static final int PAD = 10;
  private static final DateTimeFormatter HMS =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private Drawings() {}

  /** A step's box: its id, up to two lines of title, and its state in words. */
  record Box(String id, int x, int y, int w, int h, List<String> lines, String state, String css) {}

  record Arrow(String d) {}

  record Graph(int width, int height, List<Box> boxes, List<Arrow> arrows, String description) {}

  record Bar(String id, int y, int x, int w, String label, String state, String css, int textX) {}

  record Tick(int x, String label) {}

  record Gantt(
      int width, int height, int left, List<Bar> bars, List<Tick> ticks, String description) {}

  record Column(
      String id,
      int x,
      int y,
      int w,
      int h,
      String value,
      String verdict,
      String css,
      String day,
      String kind) {}

  record Chart(
      int width,
      int height,
      int left,
      int baseline,
      int targetY,
      String targetLabel,
      List<Column> columns,
      List<Tick> yTicks,
      String description) {}

  /** What a runbook step is in an incident: the state of its run (or of its copies, one per table). */
  record StepState(String label, String css) {}

  /** A runbook's graph; {@code states} gives each step's state in an incident (none: the runbook alone). */
  static Graph graph(Runbook runbook, Map<String, StepState> states) {
    List<Runbook.Step> steps = new ArrayList<>(runbook.steps());
    runbook.compensations().stream().filter(c -> states.containsKey(c.id())).forEach(steps::add);
    List<StepGraph.Node> nodes =
        steps.stream().map(s -> new StepGraph.Node(s.id(), s.dependsOn())).toList();
    Map<String, Runbook.Step> byId = new HashMap<>();
    steps.forEach(s -> byId.put(s.id(), s));
    return draw(
        StepGraph.layout(nodes),
        id -> {
          Runbook.Step s = byId.get(id);
          StepState state = states.get(id);
          List<String> lines = wrap(s.label() == null ? "" : s.label(), 30, 2);
          String word = state != null ? state.label() : states.isEmpty() ? describe(s) : "not run";
          return new Box(
              id,
              0,
              0,
              BOX_W,
              BOX_H,
              lines,
              wrap(word, 34, 1).get(0),
              state != null ? state.css() : "pending");
        },
        "Step graph of runbook " + runbook.id() + " version " + runbook.version());
  }

  /** An incident's steps when its runbook is not known here: one column, in the order they started. */
  static Graph graph(Incident incident) {
    List<StepGraph.Node> nodes =
        incident.steps().stream().map(s -> new StepGraph.Node(s.id(), List.of())).toList();
    return draw(
        StepGraph.layout(nodes),
        id -> {
          Incident.Step s = incident.step(id).orElseThrow();
          return new Box(
              id,
              0,
              0,
              BOX_W,
              BOX_H,
              wrap(s.action() == null ? "" : s.action(), 30, 2),
              stateWords(s),
              s.status().cssClass());
        },
        "Steps of incident "
            + incident.id()
            + " (its runbook is not known to the console, so without dependencies)");
  }

  /** Each runbook step's state in the incident, from its run or its per-table copies. */
  static Map<String, StepState> states(Runbook runbook, Incident incident) {
    Map<String, List<Incident.Step>> copies = new LinkedHashMap<>();
    for (Incident.Step s : incident.steps()) {
      runbook
          .stepOf(s.id())
          .ifPresent(r -> copies.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(s));
    }
    Map<String, StepState> states = new HashMap<>();
    copies.forEach(
        (id, runs) -> {
          if (runs.size() == 1) {
            states.put(id, new StepState(stateWords(runs.get(0)), runs.get(0).status().cssClass()));
          } else {
            Incident.Step worst =
                runs.stream().max(Comparator.comparingInt(s -> severity(s.status()))).orElseThrow();
            long done = runs.stream().filter(s -> s.status() == StepStatus.SUCCEEDED).count();
            states.put(
                id,
                new StepState(
                    runs.size() + " tables: " + done + " succeeded, " + worst.status().label(),
                    worst.status().cssClass()));
          }
        });
    return states;
  }

  private static String stateWords(Incident.Step s) {
    String words = s.status().label();
    if (s.attempts() > 1) {
      words += ", attempt " + s.attempts();
    }
    if (s.progress() != null
        && s.progress().percent() != null
        && s.status() == StepStatus.RUNNING) {
      words += String.format(", %.0f%%", s.progress().percent());
    }
    return words;
  }

  private static String describe(Runbook.Step s) {
    if (s.approvalRole() != null) {
      return "needs " + s.approvers() + " × " + s.approvalRole();
    }
    return (s.forEach() ? "per table · " : "")
        + (s.condition() != null ? "if … · " : "")
        + (s.action() == null ? "" : s.action());
  }

  /** Failures first, then what needs people, then what runs: the worst copy speaks for a per-table step. */
  private static int severity(StepStatus s) {
    return switch (s) {
      case FAILED, TIMED_OUT, REJECTED -> 6;
      case AWAITING_APPROVAL -> 5;
      case RETRYING -> 4;
      case RUNNING -> 3;
      case PENDING -> 2;
      case SKIPPED -> 1;
      case SUCCEEDED -> 0;
    };
  }

  private static Graph draw(
      StepGraph.Layout layout,
      java.util.function.Function<String, Box> content,
      String description) {
    Map<String, Box> placed = new LinkedHashMap<>();
    for (StepGraph.Placed p : layout.nodes()) {
      Box b = content.apply(p.id());
      placed.put(
          p.id(),
          new Box(
              b.id(),
              PAD + p.layer() * (BOX_W + GAP_X),
              PAD + p.row() * (BOX_H + GAP_Y),
              BOX_W,
              BOX_H,
              b.lines(),
              b.state(),
              b.css()));
    }
    List<Arrow> arrows = new ArrayList<>();
    for (StepGraph.Edge e : layout.edges()) {
      Box from = placed.get(e.from());
      Box to = placed.get(e.to());
      int x1 = from.x() + from.w();
      int y1 = from.y() + from.h() / 2;
      int x2 = to.x() - 4;
      int y2 = to.y() + to.h() / 2;
      int mid = (x1 + x2) / 2;
      arrows.add(
          new Arrow(
              "M" + x1 + "," + y1 + " C" + mid + "," + y1 + " " + mid + "," + y2 + " " + x2 + ","
                  + y2));
    }
    int width = PAD * 2 + Math.max(1, layout.layers()) * (BOX_W + GAP_X) - GAP_X;
    int height = PAD * 2 + Math.max(1, layout.rows()) * (BOX_H + GAP_Y) - GAP_Y;
    return new Graph(width, height, List.copyOf(placed.values()), arrows, description);
  }

  /** Bars from each step's first start to its end (or now, while it runs). */
  static Optional<Gantt> gantt(Incident incident, Instant now) {
    List<Incident.Step> started =
        incident.steps().stream()
            .filter(s -> s.startedAt() != null)
            .sorted(Comparator.comparing(Incident.Step::startedAt))
            .toList();
    if (started.isEmpty()) {
      return Optional.empty();
    }
    Instant from = started.get(0).startedAt();
    Instant to = started.stream().map(s -> s.endOr(now)).max(Comparator.naturalOrder()).orElse(now);
    long span = Math.max(1000, Duration.between(from, to).toMillis());
    int left = 230;
    int plot = 640;
    int row = 26;
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < started.size(); i++) {
      Incident.Step s = started.get(i);
      int x = left + (int) (plot * Duration.between(from, s.startedAt()).toMillis() / span);
      int w =
          Math.max(
              3, (int) (plot * Duration.between(s.startedAt(), s.endOr(now)).toMillis() / span));
      String took = Formats.clock(Duration.between(s.startedAt(), s.endOr(now)));
      String label = s.status().label() + ", " + took + (s.finishedAt() == null ? " so far" : "");
      bars.add(
          new Bar(
              s.id(),
              28 + i * row,
              x,
              w,
              label,
              s.status().label(),
              s.status().cssClass(),
              Math.min(x + w + 6, left + plot - 150)));
    }
    List<Tick> ticks = new ArrayList<>();
    for (int t = 0; t <= 4; t++) {
      Instant at = from.plusMillis(span * t / 4);
      ticks.add(new Tick(left + plot * t / 4, HMS.format(at)));
    }
    return Optional.of(
        new Gantt(
            left + plot + 170,
            40 + started.size() * row,
            left,
            bars,
            ticks,
            "Gantt of the steps of incident "
                + incident.id()
                + " from "
                + HMS.format(from)
                + " UTC to "
                + HMS.format(to)
                + " UTC"));
  }

  /** The measured restore times over time, each against the target line. */
  static Optional<Chart> chart(List<Drills.Check> checks, Duration target) {
    List<Drills.Check> measured = checks.stream().filter(Drills.Check::measured).toList();
    if (measured.isEmpty()) {
      return Optional.empty();
    }
    long highest =
        Math.max(
            target.toSeconds() * 5 / 4,
            measured.stream().mapToLong(c -> c.restore().toSeconds()).max().orElse(0) * 11 / 10);
    // a round top, so the four grid lines fall on round numbers
    long maxSeconds = (highest + 199) / 200 * 200;
    int left = 60;
    int top = 20;
    int height = 240;
    int baseline = top + height;
    int colW = 56;
    int gap = 28;
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < measured.size(); i++) {
      Drills.Check c = measured.get(i);
      int h = (int) (height * c.restore().toSeconds() / maxSeconds);
      columns.add(
          new Column(
              c.incidentId(),
              left + gap + i * (colW + gap),
              baseline - h,
              colW,
              Math.max(1, h),
              c.restore().toSeconds() + " s",
              c.withinTarget() ? "within" : "over",
              c.withinTarget() ? "within" : "over",
              c.at() == null ? "" : DAY.format(c.at()),
              Drills.BACKUP_VERIFICATION.equals(c.kind()) ? "backup" : "drill"));
    }
    List<Tick> yTicks = new ArrayList<>();
    for (int t = 0; t <= 4; t++) {
      long s = maxSeconds * t / 4;
      yTicks.add(new Tick(baseline - (int) (height * s / maxSeconds), s + " s"));
    }
    int targetY = baseline - (int) (height * target.toSeconds() / maxSeconds);
    int width = left + gap + measured.size() * (colW + gap) + 120;
    return Optional.of(
        new Chart(
            Math.max(width, 420),
            baseline + 48,
            left,
            baseline,
            targetY,
            "target " + target.toSeconds() + " s",
            columns,
            yTicks,
            "Measured restore time of "
                + measured.size()
                + " backup verifications and DR drills against the "
                + target.toSeconds()
                + " s target"));
  }

  /** Up to {@code lines} lines of at most {@code width} characters; what does not fit ends in an ellipsis. */
  static List<String> wrap(String text, int width, int lines) {
    List<String> out = new ArrayList<>();
    String line = "";
    boolean cut = false;
    for (String word : text.trim().split("\\s+")) {
      String longer = line.isEmpty() ? word : line + " " + word;
      if (longer.length() <= width) {
        line = longer;
        continue;
      }
      if (!line.isEmpty()) {
        out.add(line);
      }
      if (out.size() == lines) {
        cut = true;
        line = "";
        break;
      }
      line = word.length() > width ? word.substring(0, width - 1) + "…" : word;
    }
    if (!line.isEmpty()) {
      if (out.size() < lines) {
        out.add(line);
      } else {
        cut = true;
      }
    }
    if (cut && !out.isEmpty()) {
      String last = out.get(out.size() - 1);
      out.set(out.size() - 1, (last.length() >= width ? last.substring(0, width - 1) : last) + "…");
    }
    return out;
  }
}
