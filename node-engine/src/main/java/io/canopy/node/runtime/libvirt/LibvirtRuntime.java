package io.canopy.node.runtime.libvirt;

import io.canopy.node.runtime.CpuMeter;
import io.canopy.node.runtime.GuestNic;
import io.canopy.node.runtime.Observation;
import io.canopy.node.runtime.RuntimeHandle;
import io.canopy.node.runtime.RuntimeStats;
import io.canopy.node.runtime.StartResult;
import io.canopy.node.runtime.WorkloadRuntime;
import io.canopy.sla.Microservice;
import io.canopy.wire.InstanceSpec;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code unikernel} instances as QEMU guests through libvirt: the service's kernel archive for
 * this worker's architecture is fetched (cached), the kernel is booted directly with the archive's
 * command line plus the SLA's {@code cmd} (and its network addressing when the worker's network
 * gives it a NIC), its serial console is the instance's log, and a guest that powers itself off has
 * exited 0. The domain name is the handle; domains carry the node id in their Canopy metadata, so a
 * restarted engine finds its own and nobody else's.
 */
public final class LibvirtRuntime implements WorkloadRuntime {
  private static final Logger log = LoggerFactory.getLogger(LibvirtRuntime.class);
  public static final String KIND = "unikernel";
  static final long DEFAULT_MEMORY_MB = 128;
  static final long MIN_MEMORY_MB = 16;
  private static final Duration POLL = Duration.ofMillis(500);

  private final String nodeId;
  private final LibvirtSettings settings;
  private final LibvirtConnection libvirt;
  private final OwnDomains domains;
  private final KernelImages images;
  private final GuestFiles files;
  private final DomainTeardown teardown;
  private final String domainType;
  private final CpuMeter cpu = new CpuMeter();
  private volatile DomainWatcher watcher;

  public LibvirtRuntime(String nodeId, LibvirtSettings settings) {
    this.nodeId = nodeId;
    this.settings = settings;
    this.libvirt = new LibvirtConnection(settings.uri());
    this.domains = new OwnDomains(libvirt, nodeId);
    this.images =
        new KernelImages(settings.cacheDir(), settings.maxImageBytes(), settings.downloadTimeout());
    this.files = new GuestFiles(settings.runDir());
    this.teardown = new DomainTeardown(libvirt, files);
    this.domainType = Accelerator.domainType();
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean answers() {
    return libvirt.answers();
  }

  /**
   * Whether libvirtd answers at {@code uri}, before any runtime exists (the fingerprint taken for
   * registration, when the node id is not known yet).
   */
  public static boolean ping(String uri) {
    try (LibvirtConnection c = new LibvirtConnection(uri)) {
      return c.answers();
    }
  }

  /** The architectures (Go naming, as SLAs and fingerprints spell them) this runtime boots. */
  public List<String> arches() {
    try {
      return Arches.runnable(libvirt.with(c -> c.getCapabilities()), Arches.host());
    } catch (LibvirtException | LinkageError e) {
      return List.of();
    }
  }

  /** {@code kvm} when guests run under KVM here, {@code qemu} when under QEMU's TCG emulator. */
  public String domainType() {
    return domainType;
  }

  @Override
  public StartResult start(InstanceSpec spec) {
    Microservice service = spec.service();
    String name = GuestNames.domain(spec.instanceId(), nodeId);
    BootFiles boot;
    GuestFiles.Prepared prepared;
    GuestNic nic;
    try {
      boot = images.fetch(ArchChoice.pick(service.codes(), service.arch(), Arches.host()));
      String leftover = removeLeftover(name);
      if (leftover != null) {
        return new StartResult.Failed(leftover);
      }
      try {
        nic = settings.network().nicFor(spec);
      } catch (RuntimeException e) {
        return new StartResult.Failed("could not attach it to the network: " + e.getMessage());
      }
      prepared = files.prepare(name, boot);
    } catch (ImageFailure e) {
      return new StartResult.Failed(e.getMessage());
    } catch (LibvirtException e) {
      return new StartResult.Failed("libvirt: " + LibvirtConnection.words(e));
    } catch (UncheckedIOException e) {
      return new StartResult.Failed("cannot prepare the guest's files: " + e.getCause());
    }
    String xml = DomainXml.of(domainSpec(spec, name, boot, prepared, nic));
    try {
      libvirt.with(
          c -> {
            Domain d = c.domainDefineXML(xml);
            try {
              d.create();
            } catch (LibvirtException e) {
              DomainTeardown.undefineQuietly(d);
              throw e;
            } finally {
              OwnDomains.free(d);
            }
            return null;
          });
    } catch (LibvirtException e) {
      files.remove(name);
      return new StartResult.Failed(
          "libvirt could not start the guest: " + LibvirtConnection.words(e));
    }
    DomainWatcher w = watcher;
    if (w != null) {
      w.track(name, spec.instanceId());
    }
    RuntimeHandle handle = new RuntimeHandle(spec.instanceId(), KIND, name, service.oneShot());
    log.info("started {} ({}, {})", name, domainType, handle.oneShot() ? "one-shot" : "service");
    return new StartResult.Started(handle, inspect(handle));
  }

  private DomainSpec domainSpec(
      InstanceSpec spec, String name, BootFiles boot, GuestFiles.Prepared prepared, GuestNic nic) {
    Microservice service = spec.service();
    long memory =
        service.memory() <= 0 ? DEFAULT_MEMORY_MB : Math.max(MIN_MEMORY_MB, service.memory());
    int vcpus = Math.max(1, (int) Math.ceil(service.vcpus()));
    String host = Arches.host();
    return new DomainSpec(
        name,
        spec.instanceId(),
        nodeId,
        service.oneShot(),
        Instant.now(),
        domainType,
        Arches.libvirtName(host),
        Arches.machine(host),
        memory,
        vcpus,
        prepared.kernel(),
        prepared.initrd(),
        KernelCmdline.of(boot.cmdline(), service.cmd(), nic),
        prepared.console(),
        nic,
        GuestNames.mac(spec.instanceId()));
  }

  /** Null when no domain of that name is left (any of ours is removed), else why not. */
  private String removeLeftover(String name) throws LibvirtException {
    String owner = domains.owner(name);
    if (owner == null) {
      return null;
    }
    if (!owner.equals(nodeId)) {
      return "a domain named " + name + " exists and is not this node's";
    }
    teardown.remove(name, Duration.ZERO);
    return null;
  }

  @Override
  public Observation inspect(RuntimeHandle handle) {
    try {
      return domains.observe(handle.runtimeId());
    } catch (LibvirtException e) {
      throw new IllegalStateException("libvirt: " + LibvirtConnection.words(e), e);
    }
  }

  @Override
  public void stop(RuntimeHandle handle, Duration grace) {
    DomainWatcher w = watcher;
    if (w != null) {
      w.forget(handle.runtimeId());
    }
    try {
      teardown.remove(handle.runtimeId(), grace);
    } catch (LibvirtException e) {
      throw new IllegalStateException("libvirt: " + LibvirtConnection.words(e), e);
    }
    cpu.forget(handle.runtimeId());
  }

  @Override
  public List<String> logs(RuntimeHandle handle, int lines) {
    return ConsoleLog.tail(files.console(handle.runtimeId()), lines);
  }

  @Override
  public Optional<RuntimeStats> stats(RuntimeHandle handle) {
    try {
      return libvirt.with(
          c -> {
            Domain d = OwnDomains.lookup(c, handle.runtimeId());
            if (d == null) {
              return Optional.empty();
            }
            try {
              return GuestCpu.stats(d, cpu, handle.runtimeId());
            } finally {
              OwnDomains.free(d);
            }
          });
    } catch (LibvirtException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Recovered> recover() {
    List<Recovered> out = new ArrayList<>();
    try {
      for (OwnDomains.Found f : domains.list()) {
        CanopyMetadata m = f.metadata();
        out.add(
            new Recovered(
                new RuntimeHandle(m.instanceId(), KIND, f.name(), m.oneShot()), f.observation()));
      }
    } catch (LibvirtException e) {
      throw new IllegalStateException("libvirt: " + LibvirtConnection.words(e), e);
    }
    return out;
  }

  @Override
  public synchronized void watch(ExitListener listener) {
    if (watcher != null) {
      throw new IllegalStateException("already watched");
    }
    watcher = new DomainWatcher(domains, listener, POLL);
    watcher.start();
  }

  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.close();
    }
    libvirt.close();
  }
}
