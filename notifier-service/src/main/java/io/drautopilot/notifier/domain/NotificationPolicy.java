package io.drautopilot.notifier.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is told, and how: the contact table, the escalation matrix and the routing rules, all from
 * configuration (the runbook's tables are the defaults).
 */
public record NotificationPolicy(
    Map<String, Contact> contactsByRole,
    List<EscalationLevel> levels,
    List<Route> routes,
    List<String> defaultChannels) {

  /**
   * The outcome of routing one request.
   *
   * @param roleHolders the contacts holding the request's {@code recipientRole} (also in {@code contacts}), empty without one
   */
  public record Routing(
      EscalationLevel level,
      List<Contact> contacts,
      List<String> channels,
      List<String> routes,
      List<Contact> roleHolders) {

    public Routing(
        EscalationLevel level, List<Contact> contacts, List<String> channels, List<String> routes) {
      this(level, contacts, channels, routes, List.of());
    }
  }

  public Optional<EscalationLevel> level(int level) {
    return levels.stream().filter(l -> l.level() == level).findFirst();
  }

  /**
   * The level's roles plus the extra roles of every matching route, on the union of the matching
   * routes' channels, plus every contact holding the request's {@code recipientRole} (a gate's
   * approvers are told besides the level, who still has to know the recovery waits). A level above the
   * matrix is treated as its highest level, and a role nobody holds is still named (nobody is left out).
   */
  public Routing route(NotificationRequest request) {
    EscalationLevel level =
        level(request.escalationLevel())
            .orElseGet(
                () ->
                    levels.stream()
                        .filter(l -> l.level() <= request.escalationLevel())
                        .reduce((a, b) -> b.level() > a.level() ? b : a)
                        .orElseGet(
                            () ->
                                levels.isEmpty()
                                    ? new EscalationLevel(
                                        request.escalationLevel(), "on-call", List.of(), 0, null)
                                    : levels.get(0)));
    Set<String> roles = new LinkedHashSet<>(level.roles());
    Set<String> channels = new LinkedHashSet<>();
    List<String> matched = new ArrayList<>();
    for (Route route : routes) {
      if (route.matches(request)) {
        matched.add(route.name());
        channels.addAll(route.channels());
        roles.addAll(route.extraRoles());
      }
    }
    if (matched.isEmpty()) {
      channels.addAll(defaultChannels);
    }
    Map<String, Contact> contacts = new LinkedHashMap<>();
    for (String role : roles) {
      Contact c = contactsByRole.get(role);
      contacts.put(role, c != null ? c : new Contact(role, null, null, null, null));
    }
    List<Contact> holders = new ArrayList<>();
    if (request.recipientRole() != null && !request.recipientRole().isBlank()) {
      contactsByRole.values().stream()
          .filter(c -> c.holds(request.recipientRole()))
          .forEach(holders::add);
      if (holders.isEmpty()) {
        holders.add(new Contact(request.recipientRole(), null, null, null, null));
      }
      holders.forEach(c -> contacts.putIfAbsent(c.role(), c));
    }
    return new Routing(
        level,
        List.copyOf(contacts.values()),
        List.copyOf(channels),
        matched,
        List.copyOf(holders));
  }
}
