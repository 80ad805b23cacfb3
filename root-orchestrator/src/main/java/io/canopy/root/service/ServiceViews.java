package io.canopy.root.service;

import io.canopy.root.instance.InstanceDocument;
import io.canopy.root.web.Oid;
import io.canopy.wire.InstanceState;
import io.canopy.wire.WireJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service as Oakestra shows it: its SLA fields at the top level (as the user wrote them) with
 * {@code _id}, {@code microserviceID}, {@code applicationID}, {@code app_name}, {@code app_ns},
 * {@code job_name} (the full name), {@code service_ip}, {@code status} and {@code instance_list}.
 */
final class ServiceViews {
  private ServiceViews() {}

  static Map<String, Object> of(
      ServiceDocument s, List<InstanceDocument> instances, boolean detail) {
    @SuppressWarnings("unchecked")
    Map<String, Object> view =
        new LinkedHashMap<>(WireJson.mapper().readValue(s.slaJson(), Map.class));
    view.put("_id", Oid.of(s.id()));
    view.put("microserviceID", s.id());
    view.put("applicationID", s.applicationId());
    view.put("app_name", s.applicationName());
    view.put("app_ns", s.applicationNamespace());
    view.put("job_name", s.fullName());
    view.put("service_ip", s.serviceIp());
    view.put("revision", s.revision());
    view.put("status", status(instances));
    view.put("instance_list", instances.stream().map(i -> InstanceView.of(i, detail)).toList());
    return view;
  }

  /** The service's state at a glance: RUNNING when any instance runs, else the first's status. */
  static String status(List<InstanceDocument> instances) {
    if (instances.isEmpty()) {
      return "CREATED";
    }
    if (instances.stream().anyMatch(i -> i.state() == InstanceState.RUNNING)) {
      return InstanceState.RUNNING.name();
    }
    return InstanceView.of(instances.get(0), false).status();
  }
}
