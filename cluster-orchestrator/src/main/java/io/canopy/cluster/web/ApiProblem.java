package io.canopy.cluster.web;

import org.springframework.http.HttpStatus;

/** An expected refusal of an HTTP request, answered as problem+json by {@link ProblemAdvice}. */
public class ApiProblem extends RuntimeException {
  private final HttpStatus status;
  private final String title;

  public ApiProblem(HttpStatus status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", detail);
  }

  HttpStatus status() {
    return status;
  }

  String title() {
    return title;
  }
}
