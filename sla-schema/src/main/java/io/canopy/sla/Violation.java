package io.canopy.sla;

/**
 * One reason an SLA is refused.
 *
 * @param path where, as a JSON path: {@code $.applications[0].microservices[1].port}
 * @param reason plain English: {@code "80:80:80" is not host[:container][/tcp|udp]}
 */
public record Violation(String path, String reason) {

  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
