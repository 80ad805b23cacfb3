package io.canopy.root.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where errors become {@code application/problem+json}: a stable {@code type} URI, a
 * title, the detail, and for field errors the field and the reason. Unexpected exceptions are
 * logged with their stack and answered with a 500 that reveals nothing internal.
 */
@RestControllerAdvice
class ProblemAdvice {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> api(ApiProblem e, HttpServletRequest request) {
    return answer(
        Problems.of(e.type(), e.getMessage(), request.getRequestURI(), e.errors(), e.extra()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    String reason = e.getMostSpecificCause().getMessage();
    String firstLine = reason == null ? "unreadable body" : reason.lines().findFirst().orElse("");
    return answer(
        Problems.of(
            ProblemType.MALFORMED_JSON,
            "the body could not be read: " + firstLine,
            request.getRequestURI(),
            List.of(new FieldProblem("$", firstLine)),
            Map.of()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return field(ProblemType.BAD_REQUEST, e.getName(), "is not a valid value", request);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(
      MissingServletRequestParameterException e, HttpServletRequest request) {
    return field(ProblemType.BAD_REQUEST, e.getParameterName(), "is required", request);
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<ProblemDetail> missingHeader(
      MissingRequestHeaderException e, HttpServletRequest request) {
    return field(ProblemType.UNAUTHENTICATED, e.getHeaderName(), "is required", request);
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ProblemDetail> validation(
      HandlerMethodValidationException e, HttpServletRequest request) {
    return field(ProblemType.BAD_REQUEST, "parameter", e.getReason(), request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return answer(
        Problems.of(
            ProblemType.METHOD_NOT_ALLOWED,
            e.getMethod() + " is not supported here",
            request.getRequestURI()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return answer(
        Problems.of(
            ProblemType.UNSUPPORTED_MEDIA_TYPE,
            "send application/json, not " + e.getContentType(),
            request.getRequestURI()));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(
      HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
    return answer(
        Problems.of(
            ProblemType.NOT_ACCEPTABLE,
            "this resource answers with JSON",
            request.getRequestURI()));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
    return answer(
        Problems.of(
            ProblemType.NOT_FOUND,
            "nothing at " + request.getRequestURI(),
            request.getRequestURI()));
  }

  @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
  ResponseEntity<ProblemDetail> denied(RuntimeException e, HttpServletRequest request) {
    return answer(
        Problems.of(
            ProblemType.FORBIDDEN,
            "your roles do not allow " + request.getMethod() + " " + request.getRequestURI(),
            request.getRequestURI()));
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e, HttpServletRequest request) {
    // Two requests raced past the application's own check; the unique index kept the store right.
    return field(ProblemType.CONFLICT, "name", "already exists", request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return answer(
        Problems.of(
            ProblemType.INTERNAL,
            "an unexpected error occurred; it has been logged",
            request.getRequestURI()));
  }

  private static ResponseEntity<ProblemDetail> field(
      ProblemType type, String field, String reason, HttpServletRequest request) {
    return answer(
        Problems.of(
            type,
            field + " " + reason,
            request.getRequestURI(),
            List.of(new FieldProblem(field, reason)),
            Map.of()));
  }

  static ResponseEntity<ProblemDetail> answer(ProblemDetail body) {
    return ResponseEntity.status(body.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }
}
