package io.canopy.root.store;

/**
 * A stored record whose every change bumps {@code version}; an update applies only if the version
 * it read is still the stored one, so concurrent updates never lose a write.
 */
public interface VersionedDocument {
  String id();

  long version();
}
