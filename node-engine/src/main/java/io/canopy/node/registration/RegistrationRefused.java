package io.canopy.node.registration;

/** The cluster answered the registration with a client error: retrying will not help. */
public final class RegistrationRefused extends RuntimeException {
  public RegistrationRefused(String message) {
    super(message);
  }
}
