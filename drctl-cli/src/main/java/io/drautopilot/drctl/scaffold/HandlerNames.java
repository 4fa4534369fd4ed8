package io.drautopilot.drctl.scaffold;

import io.drautopilot.drctl.DrctlException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every name a new handler gets, from its short name and its first command, by the project's conventions: module
 * {@code <name>-service}, package {@code io.drautopilot.<name>}, contracts in {@code io.drautopilot.contracts.<name>},
 * {@code <Verb><Noun>Command} / {@code <Verb><Noun>Result} / {@code <Noun><PastTense>}, topic {@code dr.commands.<name>},
 * runbook action {@code <name>.<verbNoun>}.
 */
record HandlerNames(String name, String verbNoun, String outcome, Kind kind, int port) {

  /** What the handler calls: an AWS API through the SDK, or an HTTP API through the shared client. */
  enum Kind {
    AWS,
    HTTP
  }

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{1,29}");
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern WORD = Pattern.compile("[A-Z][a-z0-9]*");

  static HandlerNames of(String name, String command, String outcome, Kind kind, int port) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw DrctlException.usage(
          "handler name '"
              + name
              + "' must be one lower-case word (letters and digits, e.g. "
              + "statuspage): it becomes the runbook prefix (statuspage.publishStatusUpdate), the module statuspage-service "
              + "and the Java package io.drautopilot.statuspage");
    }
    String verbNoun = command == null ? "" : command.replaceFirst("Command$", "");
    if (!TYPE.matcher(verbNoun).matches() || words(verbNoun).size() < 2) {
      throw DrctlException.usage(
          "--command '"
              + command
              + "' must be <Verb><Noun> in UpperCamelCase, e.g. PublishStatusUpdate");
    }
    String out = outcome != null ? outcome : defaultOutcome(verbNoun);
    if (!TYPE.matcher(out).matches() || out.endsWith("Command") || out.endsWith("Result")) {
      throw DrctlException.usage(
          "--outcome '"
              + outcome
              + "' must be an UpperCamelCase past-tense event name, e.g. StatusUpdatePublished");
    }
    return new HandlerNames(name, verbNoun, out, kind, port);
  }

  /** {@code PublishStatusUpdate} → {@code StatusUpdatePublished}: the noun, then the verb in the past tense. */
  static String defaultOutcome(String verbNoun) {
    List<String> words = words(verbNoun);
    String verb = words.get(0);
    return String.join("", words.subList(1, words.size())) + pastTense(verb);
  }

  static String pastTense(String verb) {
    String v = verb.toLowerCase(Locale.ROOT);
    String past;
    if (v.endsWith("e")) {
      past = verb + "d";
    } else if (v.endsWith("y") && v.length() > 1 && "aeiou".indexOf(v.charAt(v.length() - 2)) < 0) {
      past = verb.substring(0, verb.length() - 1) + "ied";
    } else {
      past = verb + "ed";
    }
    return past;
  }

  static List<String> words(String camel) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(camel);
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return List.of();
      }
      words.add(m.group());
      end = m.end();
    }
    return end == camel.length() ? words : List.of();
  }

  String module() {
    return name + "-service";
  }

  String pascal() {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  String basePackage() {
    return "io.drautopilot." + name;
  }

  String contractsPackage() {
    return "io.drautopilot.contracts." + name;
  }

  String command() {
    return verbNoun + "Command";
  }

  String result() {
    return verbNoun + "Result";
  }

  String topic() {
    return "dr.commands." + name;
  }

  String topicConstant() {
    return name.toUpperCase(Locale.ROOT) + "_COMMANDS";
  }

  String lowerVerbNoun() {
    return Character.toLowerCase(verbNoun.charAt(0)) + verbNoun.substring(1);
  }

  String kebab() {
    return String.join("-", words(verbNoun)).toLowerCase(Locale.ROOT);
  }

  String action() {
    return name + "." + lowerVerbNoun();
  }

  /** The values the templates use ({@code {{key}}}). */
  Map<String, String> variables() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("name", name);
    v.put("NAME", name.toUpperCase(Locale.ROOT));
    v.put("module", module());
    v.put("Pascal", pascal());
    v.put("basePackage", basePackage());
    v.put("contractsPackage", contractsPackage());
    v.put("Command", command());
    v.put("Result", result());
    v.put("Outcome", outcome);
    v.put("VerbNoun", verbNoun);
    v.put("verbNoun", lowerVerbNoun());
    v.put("kebab", kebab());
    v.put("action", action());
    v.put("topic", topic());
    v.put("TOPIC", topicConstant());
    v.put("port", Integer.toString(port));
    v.put("kind", kind.name().toLowerCase(Locale.ROOT));
    v.put("kindName", kind == Kind.AWS ? "AWS" : "HTTP");
    v.put("egressWhy", kind == Kind.AWS ? "the AWS APIs it calls" : "the HTTP API it calls");
    return v;
  }
}
