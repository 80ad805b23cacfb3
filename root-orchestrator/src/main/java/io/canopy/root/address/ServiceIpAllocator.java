package io.canopy.root.address;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.canopy.core.address.IpCheck;
import io.canopy.core.address.ServiceIpPool;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.FieldProblem;
import io.canopy.root.web.ProblemType;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Gives each service its stable address in 10.30.0.0/16. {@code core}'s pool decides which address
 * is free; the store's unique id makes the grant atomic: of two racing requests for one address
 * exactly one insert succeeds, the other takes the next free address (or, for an {@code rr_ip},
 * gets a 409 naming the holder).
 */
@Component
public class ServiceIpAllocator {
  private final MongoTemplate mongo;
  private final ServiceIpPool pool = new ServiceIpPool();

  ServiceIpAllocator(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(ServiceIpDocument.class)
        .createIndex(new Index().on("serviceId", Sort.Direction.ASC));
  }

  /**
   * Checks a requested {@code rr_ip} without taking it: a 422 for an address that can never be
   * given out, a 409 naming the holder for a taken one.
   */
  public void checkRequested(String field, String requested) {
    IpCheck check = pool.check(requested, taken());
    switch (check) {
      case IpCheck.Free free -> {}
      case IpCheck.Taken taken -> throw takenProblem(field, taken);
      case IpCheck.Invalid invalid -> throw ApiProblem.invalid(field, invalid.reason());
    }
  }

  /** Takes {@code requested} (when given) or the lowest free address for the service. */
  public String allocate(String serviceId, String holder, String requested, String field) {
    if (requested != null && !requested.isBlank()) {
      IpCheck check = pool.check(requested, taken());
      switch (check) {
        case IpCheck.Free free -> {
          try {
            mongo.insert(new ServiceIpDocument(free.ip(), serviceId, holder, Instant.now()));
            return free.ip();
          } catch (DuplicateKeyException raced) {
            ServiceIpDocument winner = mongo.findById(free.ip(), ServiceIpDocument.class);
            String name = winner == null ? "another service" : winner.holder();
            throw takenProblem(
                field,
                new IpCheck.Taken(free.ip(), name, free.ip() + " is already held by " + name));
          }
        }
        case IpCheck.Taken taken -> throw takenProblem(field, taken);
        case IpCheck.Invalid invalid -> throw ApiProblem.invalid(field, invalid.reason());
      }
    }
    Iterator<String> free = pool.free(taken().keySet()).iterator();
    while (free.hasNext()) {
      String ip = free.next();
      try {
        mongo.insert(new ServiceIpDocument(ip, serviceId, holder, Instant.now()));
        return ip;
      } catch (DuplicateKeyException raced) {
        // Someone took it between our read and our insert: the next one.
      }
    }
    throw new ApiProblem(
        ProblemType.CONFLICT, "no service address is left in " + ServiceIpPool.RANGE);
  }

  public void release(String serviceId) {
    mongo.remove(query(where("serviceId").is(serviceId)), ServiceIpDocument.class);
  }

  /** Address → holder. */
  Map<String, String> taken() {
    return mongo.findAll(ServiceIpDocument.class).stream()
        .collect(Collectors.toMap(ServiceIpDocument::ip, ServiceIpDocument::holder, (a, b) -> a));
  }

  private static ApiProblem takenProblem(String field, IpCheck.Taken taken) {
    return new ApiProblem(
        ProblemType.ADDRESS_TAKEN,
        taken.reason(),
        List.of(new FieldProblem(field, taken.reason())),
        Map.of("holder", taken.holder()));
  }
}
