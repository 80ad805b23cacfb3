package io.canopy.node.runtime.libvirt;

import java.time.Duration;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a guest: asks it to power off (the ACPI power button) for up to the grace period, then
 * destroys and undefines the domain (libvirt deletes its tap with it) and deletes its files. The
 * archive cache stays. Idempotent: a domain that is already gone only has its files removed.
 */
final class DomainTeardown {
  private static final Logger log = LoggerFactory.getLogger(DomainTeardown.class);

  private final LibvirtConnection libvirt;
  private final GuestFiles files;

  DomainTeardown(LibvirtConnection libvirt, GuestFiles files) {
    this.libvirt = libvirt;
    this.files = files;
  }

  void remove(String name, Duration grace) throws LibvirtException {
    libvirt.with(
        c -> {
          Domain d = OwnDomains.lookup(c, name);
          if (d == null) {
            return null;
          }
          try {
            if (d.isActive() == 1 && grace.isPositive()) {
              d.shutdown();
              long deadline = System.nanoTime() + grace.toNanos();
              while (d.isActive() == 1 && System.nanoTime() < deadline && pause()) {
                // waiting for the guest to power off
              }
            }
            if (d.isActive() == 1) {
              ignoring(ErrorNumber.VIR_ERR_OPERATION_INVALID, d::destroy); // it just stopped
            }
            ignoring(ErrorNumber.VIR_ERR_NO_DOMAIN, d::undefine);
          } finally {
            OwnDomains.free(d);
          }
          return null;
        });
    files.remove(name);
  }

  static void undefineQuietly(Domain d) {
    try {
      d.undefine();
    } catch (LibvirtException e) {
      log.debug("undefining a guest that failed to start: {}", LibvirtConnection.words(e));
    }
  }

  /** Sleeps a moment; false when interrupted (then the guest is destroyed at once). */
  private static boolean pause() {
    try {
      Thread.sleep(100);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private interface Action {
    void run() throws LibvirtException;
  }

  private static void ignoring(ErrorNumber expected, Action action) throws LibvirtException {
    try {
      action.run();
    } catch (LibvirtException e) {
      if (e.getError() == null || e.getError().getCode() != expected) {
        throw e;
      }
    }
  }
}
