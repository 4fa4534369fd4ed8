package io.drautopilot.drctl;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One HTTP exchange with a service drctl talks to (the orchestrator API, the identity provider): the
 * ways it can fail to get an answer become one {@link DrctlException#unreachable} each, worded for an
 * operator with the service's name and address.
 */
final class HttpCalls {

  private HttpCalls() {}

  static HttpResponse<String> send(
      HttpClient http,
      HttpRequest.Builder request,
      Duration timeout,
      String service,
      String where) {
    try {
      return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw DrctlException.unreachable(
          "cannot reach " + service + " at " + where + ": connection refused", e);
    } catch (java.net.http.HttpTimeoutException e) {
      throw DrctlException.unreachable(
          service + " at " + where + " did not answer within " + timeout.toSeconds() + "s", e);
    } catch (IOException e) {
      throw DrctlException.unreachable(
          "cannot reach " + service + " at " + where + ": " + Drctl.oneLine(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DrctlException.unreachable("interrupted while calling " + where, e);
    }
  }
}
