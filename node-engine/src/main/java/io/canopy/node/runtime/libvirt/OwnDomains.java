package io.canopy.node.runtime.libvirt;

import io.canopy.node.runtime.Observation;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * This node's domains: those named {@code canopy-…} whose Canopy metadata names this node. Others
 * on the same libvirtd (another engine's, anyone else's) are never looked at further.
 */
final class OwnDomains {
  private final LibvirtConnection libvirt;
  private final String nodeId;

  OwnDomains(LibvirtConnection libvirt, String nodeId) {
    this.libvirt = libvirt;
    this.nodeId = nodeId;
  }

  /** A domain of this node and its state now. */
  record Found(String name, CanopyMetadata metadata, Observation observation) {}

  List<Found> list() throws LibvirtException {
    return libvirt.with(
        c -> {
          List<Found> out = new ArrayList<>();
          for (Domain d : c.listAllDomains(0)) {
            try {
              String name = d.getName();
              if (!name.startsWith(GuestNames.PREFIX)) {
                continue;
              }
              CanopyMetadata m = metadata(d);
              if (m != null && m.nodeId().equals(nodeId)) {
                int[] s = DomainStates.raw(d);
                out.add(new Found(name, m, DomainStates.observe(s[0], s[1], m.started())));
              }
            } catch (LibvirtException e) {
              if (!LibvirtConnection.noDomain(e)) {
                throw e;
              }
              // undefined while we listed
            } finally {
              free(d);
            }
          }
          return out;
        });
  }

  /** The domain's state, {@link Observation#gone()} when it does not exist. */
  Observation observe(String name) throws LibvirtException {
    return libvirt.with(
        c -> {
          Domain d = lookup(c, name);
          if (d == null) {
            return Observation.gone();
          }
          try {
            CanopyMetadata m = metadata(d);
            int[] s = DomainStates.raw(d);
            return DomainStates.observe(s[0], s[1], m == null ? null : m.started());
          } finally {
            free(d);
          }
        });
  }

  /** The node a domain of this name belongs to, null when there is no such domain. */
  String owner(String name) throws LibvirtException {
    return libvirt.with(
        c -> {
          Domain d = lookup(c, name);
          if (d == null) {
            return null;
          }
          try {
            CanopyMetadata m = metadata(d);
            return m == null ? "" : m.nodeId();
          } finally {
            free(d);
          }
        });
  }

  /** The domain, or null when it does not exist; the caller frees it. */
  static Domain lookup(Connect c, String name) throws LibvirtException {
    try {
      return c.domainLookupByName(name);
    } catch (LibvirtException e) {
      if (LibvirtConnection.noDomain(e)) {
        return null;
      }
      throw e;
    }
  }

  static CanopyMetadata metadata(Domain d) throws LibvirtException {
    try {
      return CanopyMetadata.parse(
          d.getMetadata(Domain.MetadataType.ELEMENT, DomainXml.NAMESPACE, 0));
    } catch (LibvirtException e) {
      if (e.getError() != null
          && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA) {
        return null;
      }
      throw e;
    }
  }

  /** Releases the binding's reference at once rather than at garbage collection. */
  static void free(Domain d) {
    try {
      d.free();
    } catch (LibvirtException | RuntimeException ignored) {
      // freed already
    }
  }
}
