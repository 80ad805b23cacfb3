package io.canopy.root.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/** Builds the problem+json bodies; one place, so every error of the API has the same shape. */
public final class Problems {
  private Problems() {}

  public static ProblemDetail of(ProblemType type, String detail, String path) {
    return of(type, detail, path, List.of(), Map.of());
  }

  public static ProblemDetail of(
      ProblemType type,
      String detail,
      String path,
      List<FieldProblem> errors,
      Map<String, Object> extra) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(type.status(), detail);
    p.setType(type.uri());
    p.setTitle(type.title());
    if (path != null) {
      p.setInstance(URI.create(path.replace(" ", "%20")));
    }
    if (!errors.isEmpty()) {
      p.setProperty("errors", errors);
      // The first problem's field and reason at the top level, for clients that read just one.
      p.setProperty("field", errors.get(0).field());
      p.setProperty("reason", errors.get(0).reason());
    }
    extra.forEach(p::setProperty);
    return p;
  }
}
