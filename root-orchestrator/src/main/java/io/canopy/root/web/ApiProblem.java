package io.canopy.root.web;

import java.util.List;
import java.util.Map;

/**
 * An answer other than success, thrown by a controller or service and turned into problem+json by
 * {@link ProblemAdvice}. It carries no stack trace: it is an expected outcome, not a fault.
 */
public final class ApiProblem extends RuntimeException {
  private final ProblemType type;
  private final List<FieldProblem> errors;
  private final Map<String, Object> extra;

  public ApiProblem(
      ProblemType type, String detail, List<FieldProblem> errors, Map<String, Object> extra) {
    super(detail, null, false, false);
    this.type = type;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  public ApiProblem(ProblemType type, String detail) {
    this(type, detail, List.of(), Map.of());
  }

  public static ApiProblem notFound(String what, String id) {
    return new ApiProblem(ProblemType.NOT_FOUND, "no " + what + " with id " + id);
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(ProblemType.FORBIDDEN, detail);
  }

  public static ApiProblem conflict(String field, String detail) {
    return new ApiProblem(
        ProblemType.CONFLICT, detail, List.of(new FieldProblem(field, detail)), Map.of());
  }

  public static ApiProblem badRequest(String field, String reason) {
    return new ApiProblem(
        ProblemType.BAD_REQUEST,
        field + ": " + reason,
        List.of(new FieldProblem(field, reason)),
        Map.of());
  }

  public static ApiProblem invalid(String field, String reason) {
    return new ApiProblem(
        ProblemType.INVALID_FIELDS,
        field + ": " + reason,
        List.of(new FieldProblem(field, reason)),
        Map.of());
  }

  public ProblemType type() {
    return type;
  }

  public List<FieldProblem> errors() {
    return errors;
  }

  public Map<String, Object> extra() {
    return extra;
  }
}
