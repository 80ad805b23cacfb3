package io.canopy.core.address;

/** The verdict on an address someone asked for. */
public sealed interface IpCheck {

  /** It may be given out; {@code ip} is its canonical text. */
  record Free(String ip) implements IpCheck {}

  /** Someone holds it already; {@code reason} names them. */
  record Taken(String ip, String holder, String reason) implements IpCheck {}

  /** It can never be given out: not an address, outside the range, network/broadcast, reserved. */
  record Invalid(String reason) implements IpCheck {}
}
