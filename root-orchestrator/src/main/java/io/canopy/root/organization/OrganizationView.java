package io.canopy.root.organization;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.root.web.Oid;
import java.util.List;

/** An organization as Oakestra shows it: {@code {_id, name, member[{user_id, roles}]}}. */
record OrganizationView(
    @JsonProperty("_id") Oid id,
    @JsonProperty("name") String name,
    @JsonProperty("member") List<Member> member) {

  static OrganizationView of(OrganizationDocument o) {
    return new OrganizationView(Oid.of(o.id()), o.name(), o.members());
  }
}
