package io.drautopilot.validation.domain;

import java.util.Map;

/**
 * The service's answer to the seed's {@code healthCheck} query. {@code status} is the service's own
 * status, or what went wrong asking it: {@code UNREACHABLE}, {@code TIMEOUT}, {@code HTTP_<code>},
 * {@code MALFORMED_RESPONSE}.
 */
public record HealthReport(
    boolean healthy, String status, Map<String, String> components, long latencyMillis) {}
