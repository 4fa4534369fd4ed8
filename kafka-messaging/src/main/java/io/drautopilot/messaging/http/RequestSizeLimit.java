package io.drautopilot.messaging.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over the limit with 413 before anything parses it: a declared Content-Length over the limit
 * is refused unread; a body of unknown length (chunked) is read at most one byte past the limit and refused there, else
 * handed on from memory. The answer is a problem document naming the setting, so the sender knows what to change.
 * Nothing a service takes over HTTP (an alert, a decision, a runbook) comes near its limit, so a huge body can only be
 * a mistake or an attempt to occupy the service.
 *
 * <pre>{@code new FilterRegistrationBean<>(new RequestSizeLimit(256 * 1024, "dr.orchestrator.max-request-size"))}</pre>
 */
public class RequestSizeLimit extends OncePerRequestFilter {

  private final long maxBytes;
  private final String property;

  /** @param property the setting that holds the limit, named in the refusal */
  public RequestSizeLimit(long maxBytes, String property) {
    this.maxBytes = maxBytes;
    this.property = property;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuse(
          response,
          "the request body of "
              + declared
              + " bytes is larger than the "
              + maxBytes
              + " bytes accepted");
      return;
    }
    if (declared >= 0) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body =
        request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (body.length > maxBytes) {
      refuse(response, "the request body is larger than the " + maxBytes + " bytes accepted");
      return;
    }
    chain.doFilter(new BufferedBody(request, body), response);
  }

  private void refuse(HttpServletResponse response, String reason) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    // Closing tells the client not to send the rest of a body nobody will read.
    response.setHeader("Connection", "close");
    response
        .getOutputStream()
        .write(
            ("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                    + "\"detail\":\""
                    + reason
                    + " ("
                    + property
                    + ")\"}")
                .getBytes(StandardCharsets.UTF_8));
  }

  /** The request with its body already read into memory (within the limit). */
  private static final class BufferedBody extends HttpServletRequestWrapper {

    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      return new BufferedReader(
          new InputStreamReader(
              new ByteArrayInputStream(body),
              encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already in memory");
        }
      };
    }
  }
}
