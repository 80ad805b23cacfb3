package io.canopy.node.runtime.libvirt;

/** A kernel archive that cannot be used; the message is the instance's failure reason. */
final class ImageFailure extends Exception {
  ImageFailure(String reason) {
    super(reason);
  }

  ImageFailure(String reason, Throwable cause) {
    super(reason, cause);
  }
}
