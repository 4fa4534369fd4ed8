package io.drautopilot.messaging.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestSizeLimitTest {

  private final RequestSizeLimit limit = new RequestSizeLimit(10, "dr.example.max-request-size");

  @Test
  void shouldRefuseADeclaredLengthOverTheLimitUnreadNamingTheSetting() throws Exception {
    MockHttpServletRequest request = post(new byte[11]);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    limit.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getHeader("Connection")).isEqualTo("close");
    assertThat(response.getContentAsString())
        .contains(
            "the request body of 11 bytes is larger than the 10 bytes accepted (dr.example.max-request-size)");
    assertThat(chain.getRequest()).as("not handed on").isNull();
  }

  @Test
  void shouldHandOnABodyOfExactlyTheLimit() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    limit.doFilter(post(new byte[10]), response, chain);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(chain.getRequest()).isNotNull();
  }

  @Test
  void shouldReadAChunkedBodyOnlyOneBytePastTheLimitAndRefuseIt() throws Exception {
    MockHttpServletRequest request = chunked(new byte[1000]);
    MockHttpServletResponse response = new MockHttpServletResponse();

    limit.doFilter(request, response, new MockFilterChain());

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentAsString())
        .contains("the request body is larger than the 10 bytes accepted");
    assertThat(request.getInputStream().readAllBytes())
        .as("the rest left unread")
        .hasSize(1000 - 11);
  }

  @Test
  void shouldHandOnAChunkedBodyWithinTheLimitFromMemoryWithItsLength() throws Exception {
    AtomicReference<byte[]> seen = new AtomicReference<>();
    AtomicReference<String> read = new AtomicReference<>();
    MockFilterChain chain =
        new MockFilterChain(
            new jakarta.servlet.http.HttpServlet() {
              @Override
              protected void service(
                  HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res)
                  throws java.io.IOException {
                seen.set(new byte[req.getContentLength()]);
                read.set(
                    new String(
                        req.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8));
              }
            });

    limit.doFilter(
        chunked("{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        new MockHttpServletResponse(),
        chain);

    assertThat(seen.get()).hasSize(7);
    assertThat(read.get()).isEqualTo("{\"a\":1}");
  }

  private static MockHttpServletRequest post(byte[] body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/x");
    request.setContent(body);
    return request;
  }

  /** A body whose length is not declared: the mock reports -1 once the content is set through a stream. */
  private static MockHttpServletRequest chunked(byte[] body) {
    MockHttpServletRequest request =
        new MockHttpServletRequest("POST", "/api/x") {
          @Override
          public long getContentLengthLong() {
            return -1;
          }

          @Override
          public int getContentLength() {
            return -1;
          }
        };
    request.setContent(body);
    request.addHeader("Transfer-Encoding", "chunked");
    return request;
  }
}
