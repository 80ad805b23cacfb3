package io.canopy.spring.mongo;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the operator did not point Canopy at a MongoDB of their own. */
class NoMongoUriGiven implements Condition {
  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String uri = context.getEnvironment().getProperty("spring.mongodb.uri");
    return uri == null || uri.isBlank();
  }
}
