package io.canopy.node.runtime.libvirt;

import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to libvirtd, reopened on the next use after it broke (libvirtd restarted). libvirt
 * connections are thread-safe, so all callers share it.
 */
final class LibvirtConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LibvirtConnection.class);

  /**
   * libvirt prints every error to stderr unless a callback takes them; they reach us as exceptions
   * anyway, and "domain not found" is an answer here, not an error. Held here so JNA's callback is
   * never garbage-collected.
   */
  private static final ErrorCallback QUIET = new ErrorCallback();

  private static boolean quieted;

  private final String uri;
  private Connect connect;

  LibvirtConnection(String uri) {
    this.uri = uri;
  }

  String uri() {
    return uri;
  }

  /** Work done on the connection. */
  interface Call<T> {
    T on(Connect c) throws LibvirtException;
  }

  /**
   * Runs {@code call}; when the connection turns out to be broken it is dropped, so the next call
   * opens a fresh one.
   */
  <T> T with(Call<T> call) throws LibvirtException {
    Connect c = current();
    try {
      return call.on(c);
    } catch (LibvirtException e) {
      if (broken(e)) {
        drop(c);
      }
      throw e;
    }
  }

  /** Whether libvirtd answers now. */
  boolean answers() {
    try {
      return with(c -> c.getLibVersion() > 0);
    } catch (LibvirtException | LinkageError e) {
      return false; // LinkageError: libvirt's C library is not installed
    }
  }

  private synchronized Connect current() throws LibvirtException {
    if (connect == null) {
      quiet();
      connect = new Connect(uri);
    }
    return connect;
  }

  private synchronized void drop(Connect c) {
    if (connect == c) {
      connect = null;
      closeQuietly(c);
    }
  }

  private static synchronized void quiet() throws LibvirtException {
    if (!quieted) {
      Connect.setErrorCallback(QUIET);
      quieted = true;
    }
  }

  static boolean broken(LibvirtException e) {
    ErrorNumber code = e.getError() == null ? null : e.getError().getCode();
    return code == ErrorNumber.VIR_ERR_SYSTEM_ERROR
        || code == ErrorNumber.VIR_ERR_RPC
        || code == ErrorNumber.VIR_ERR_NO_CONNECT
        || code == ErrorNumber.VIR_ERR_INVALID_CONN;
  }

  /** Whether the error says the domain does not exist. */
  static boolean noDomain(LibvirtException e) {
    return e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN;
  }

  /** libvirt's own message, without the binding's decorations. */
  static String words(LibvirtException e) {
    return e.getError() != null && e.getError().getMessage() != null
        ? e.getError().getMessage()
        : String.valueOf(e.getMessage());
  }

  @Override
  public synchronized void close() {
    if (connect != null) {
      closeQuietly(connect);
      connect = null;
    }
  }

  private static void closeQuietly(Connect c) {
    try {
      c.close();
    } catch (LibvirtException | RuntimeException e) {
      log.debug("closing the libvirt connection: {}", e.getMessage());
    }
  }
}
