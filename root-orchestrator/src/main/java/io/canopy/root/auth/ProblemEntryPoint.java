package io.canopy.root.auth;

import io.canopy.root.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 answers from the security filters, which run before MVC and its advice: the same
 * problem+json shape as every other error.
 */
class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    Object failure = request.getAttribute(JwtAuthenticationFilter.FAILURE);
    if (failure != null) {
      write(request, response, ProblemType.INVALID_TOKEN, failure.toString());
    } else {
      write(
          request,
          response,
          ProblemType.UNAUTHENTICATED,
          "send a token from POST /api/auth/login as 'Authorization: Bearer <token>'");
    }
    response.setHeader("WWW-Authenticate", "Bearer");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(
        request,
        response,
        ProblemType.FORBIDDEN,
        "your roles do not allow " + request.getMethod() + " " + request.getRequestURI());
  }

  static void write(
      HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.uri().toString());
    body.put("title", type.title());
    body.put("status", type.status().value());
    body.put("detail", detail);
    body.put("instance", request.getRequestURI());
    response.setStatus(type.status().value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }
}
