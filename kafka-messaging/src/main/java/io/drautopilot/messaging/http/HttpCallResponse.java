package io.drautopilot.messaging.http;

import java.net.http.HttpHeaders;

/**
 * A successful (2xx) answer.
 *
 * @param attempts how many requests it took (1 when the first one succeeded)
 */
public record HttpCallResponse(int status, String body, HttpHeaders headers, int attempts) {}
