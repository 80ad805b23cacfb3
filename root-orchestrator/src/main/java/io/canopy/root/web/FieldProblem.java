package io.canopy.root.web;

/**
 * One thing wrong with a request: where (a JSON path such as {@code
 * $.applications[0].microservices[1].port}, or a parameter name) and why.
 */
public record FieldProblem(String field, String reason) {}
