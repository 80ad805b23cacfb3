package io.canopy.node.runtime.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.ptr.IntByReference;
import io.canopy.node.runtime.Observation;
import java.lang.reflect.Field;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * A domain's state and, once it is shut off, why: libvirt-java 0.5.4 exposes only the state, but
 * the reason is what tells a guest that powered itself off (exit 0) from a crash or a kill, so it
 * is read with {@code virDomainGetState} through JNA on the binding's own domain pointer.
 */
final class DomainStates {
  // virDomainState
  private static final int RUNNING = 1;
  private static final int BLOCKED = 2;
  private static final int PAUSED = 3;
  private static final int SHUTTING_DOWN = 4;
  private static final int SHUTOFF = 5;
  private static final int CRASHED = 6;
  private static final int PM_SUSPENDED = 7;
  // virDomainShutoffReason
  private static final int OFF_SHUTDOWN = 1;
  private static final int OFF_DESTROYED = 2;
  private static final int OFF_CRASHED = 3;
  private static final int OFF_FAILED = 6;
  private static final int OFF_DAEMON = 8;

  private static final Field POINTER = pointerField();

  private DomainStates() {}

  /** The state and reason codes of a domain: {@code [state, reason]}. */
  static int[] raw(Domain domain) throws LibvirtException {
    Pointer p;
    try {
      p = ((PointerType) POINTER.get(domain)).getPointer();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("libvirt-java's domain pointer is not accessible", e);
    }
    IntByReference state = new IntByReference();
    IntByReference reason = new IntByReference();
    if (Calls.LIB.virDomainGetState(p, state, reason, 0) < 0) {
      domain.getInfo(); // raises the binding's LibvirtException with libvirt's message
      throw new IllegalStateException("virDomainGetState failed");
    }
    return new int[] {state.getValue(), reason.getValue()};
  }

  /**
   * The observation for a state and reason: a domain that still has a QEMU process is running
   * (paused or shutting down included); a shut-off one exited 0 only when the guest powered off.
   */
  static Observation observe(int state, int reason, String startedAt) {
    return switch (state) {
      case RUNNING, BLOCKED, PAUSED, SHUTTING_DOWN, PM_SUSPENDED ->
          new Observation(true, true, null, false, startedAt, 0, null);
      case CRASHED -> ended(1, startedAt, "the guest crashed");
      case SHUTOFF ->
          switch (reason) {
            case OFF_SHUTDOWN -> ended(0, startedAt, null);
            case OFF_DESTROYED -> ended(137, startedAt, "the domain was destroyed");
            case OFF_CRASHED -> ended(1, startedAt, "QEMU stopped unexpectedly");
            case OFF_FAILED -> ended(1, startedAt, "the domain failed to start");
            case OFF_DAEMON -> ended(137, startedAt, "libvirtd stopped the domain");
            default -> ended(1, startedAt, "the domain is shut off (reason " + reason + ")");
          };
      default -> ended(1, startedAt, "the domain is in state " + state);
    };
  }

  private static Observation ended(int code, String startedAt, String error) {
    return new Observation(true, false, code, false, startedAt, 0, error);
  }

  private static Field pointerField() {
    try {
      Field f = Domain.class.getDeclaredField("vdp");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("unexpected libvirt-java version: Domain has no vdp", e);
    }
  }

  /** The one libvirt call the binding lacks. */
  interface Calls extends Library {
    Calls LIB = Native.load("virt", Calls.class);

    int virDomainGetState(Pointer domain, IntByReference state, IntByReference reason, int flags);
  }
}
