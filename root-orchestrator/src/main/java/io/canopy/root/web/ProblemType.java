package io.canopy.root.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable kinds of error the API answers with. Each has a {@code type} URI that clients may
 * switch on; the URIs never change meaning once published (docs/api.md lists them).
 */
public enum ProblemType {
  MALFORMED_JSON(HttpStatus.BAD_REQUEST, "malformed-json", "The body is not valid JSON"),
  BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad-request", "The request is not valid"),
  INVALID_SLA(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-sla", "The SLA is not valid"),
  INVALID_FIELDS(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-fields", "Some fields are not valid"),
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication is required"),
  BAD_CREDENTIALS(HttpStatus.UNAUTHORIZED, "bad-credentials", "Wrong user name or password"),
  INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "invalid-token", "The token is not valid"),
  FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Not allowed"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
  UNSUPPORTED_MEDIA_TYPE(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable"),
  CONFLICT(HttpStatus.CONFLICT, "conflict", "Conflicts with what exists"),
  ADDRESS_TAKEN(HttpStatus.CONFLICT, "address-taken", "The address is already taken"),
  TOO_MANY_LOGINS(
      HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts", "Too many failed logins"),
  CLUSTER_UNREACHABLE(
      HttpStatus.SERVICE_UNAVAILABLE, "cluster-unreachable", "The cluster is not connected"),
  CLUSTER_TIMEOUT(
      HttpStatus.GATEWAY_TIMEOUT, "cluster-timeout", "The cluster did not answer in time"),
  LOGS_UNAVAILABLE(HttpStatus.BAD_GATEWAY, "logs-unavailable", "The logs could not be fetched"),
  NOT_PLACED(HttpStatus.CONFLICT, "instance-not-placed", "The instance is on no cluster"),
  INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error");

  private static final String BASE = "https://canopy.io/problems/";

  private final HttpStatus status;
  private final String slug;
  private final String title;

  ProblemType(HttpStatus status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public URI uri() {
    return URI.create(BASE + slug);
  }
}
