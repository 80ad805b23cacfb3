package io.canopy.net.server;

/** The answer line to a {@link Request}: {@code ok} with a result, or an error sentence. */
public record Reply(boolean ok, Object result, String error) {
  static Reply success(Object result) {
    return new Reply(true, result, null);
  }

  static Reply failure(String error) {
    return new Reply(false, null, error);
  }
}
