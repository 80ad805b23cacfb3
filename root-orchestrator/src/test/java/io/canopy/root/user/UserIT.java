package io.canopy.root.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.canopy.root.support.RootIT;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

class UserIT extends RootIT {

  @Test
  void adminRegistersReadsUpdatesAndDeletesUsers() {
    String admin = adminToken();
    String name = unique("user");
    MvcResult created =
        postAs(
            admin,
            "/api/auth/register",
            """
            {"name": "%s", "email": "%s@example.org", "password": "long-enough-1",
             "roles": ["Application_Provider", "Infrastructure_Provider"]}
            """
                .formatted(name, name));
    assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(201);
    JsonNode user = json(created);
    assertThat(user.get("_id").get("$oid").asString()).matches("[0-9a-f]{24}");
    assertThat(user.get("roles").toString())
        .isEqualTo("[\"Application_Provider\",\"Infrastructure_Provider\"]");
    assertThat(user.get("created_at").asString()).isNotBlank();

    MvcResult twice =
        postAs(
            admin,
            "/api/auth/register",
            "{\"name\":\"%s\",\"password\":\"long-enough-1\"}".formatted(name));
    assertThat(twice.getResponse().getStatus()).isEqualTo(409);
    MvcResult badRole =
        postAs(
            admin,
            "/api/auth/register",
            "{\"name\":\"%s\",\"password\":\"long-enough-1\",\"roles\":[\"Pope\"]}"
                .formatted(unique("u")));
    assertThat(badRole.getResponse().getStatus()).isEqualTo(422);
    assertThat(json(badRole).get("field").asString()).isEqualTo("roles[0]");
    MvcResult shortPassword =
        postAs(
            admin,
            "/api/auth/register",
            "{\"name\":\"%s\",\"password\":\"short\"}".formatted(unique("u")));
    assertThat(shortPassword.getResponse().getStatus()).isEqualTo(422);

    String token = login(name, "long-enough-1");
    assertThat(json(getAs(token, "/api/user/" + name)).get("email").asString())
        .isEqualTo(name + "@example.org");
    assertThat(getAs(token, "/api/user/Admin").getResponse().getStatus()).isEqualTo(403);
    assertThat(getAs(token, "/api/users/").getResponse().getStatus()).isEqualTo(403);

    MvcResult email = putAs(token, "/api/user/" + name, "{\"email\":\"new@example.org\"}");
    assertThat(json(email).get("email").asString()).isEqualTo("new@example.org");
    MvcResult selfPromote = putAs(token, "/api/user/" + name, "{\"roles\":[\"Admin\"]}");
    assertThat(selfPromote.getResponse().getStatus()).isEqualTo(403);

    MvcResult wrongOld =
        postAs(
            token,
            "/api/user/" + name,
            "{\"oldPassword\":\"nope\",\"newPassword\":\"another-one-2\"}");
    assertThat(wrongOld.getResponse().getStatus()).isEqualTo(422);
    MvcResult changed =
        postAs(
            token,
            "/api/user/" + name,
            "{\"oldPassword\":\"long-enough-1\",\"newPassword\":\"another-one-2\"}");
    assertThat(changed.getResponse().getStatus()).isEqualTo(200);
    login(name, "another-one-2");

    JsonNode all = json(getAs(admin, "/api/users/"));
    assertThat(all.toString()).contains(name);
    assertThat(all.toString()).doesNotContain("passwordHash").doesNotContain("$2a$");

    assertThat(deleteAs(admin, "/api/user/" + name).getResponse().getStatus()).isEqualTo(200);
    // The deleted user's token stops working at once.
    assertThat(getAs(token, "/api/applications/").getResponse().getStatus()).isEqualTo(401);
    assertThat(getAs(admin, "/api/user/" + name).getResponse().getStatus()).isEqualTo(404);
    assertThat(deleteAs(admin, "/api/user/Admin").getResponse().getStatus()).isEqualTo(403);
  }

  @Test
  void organizationsHaveMembersAndTheirOwnAdmins() {
    String admin = adminToken();
    String org = unique("org");
    MvcResult created = postAs(admin, "/api/organization/", "{\"name\":\"%s\"}".formatted(org));
    assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(201);
    String orgId = json(created).get("_id").get("$oid").asString();
    assertThat(
            postAs(admin, "/api/organization/", "{\"name\":\"%s\"}".formatted(org))
                .getResponse()
                .getStatus())
        .isEqualTo(409);

    String orgAdmin = unique("oa");
    MvcResult registered =
        postAs(
            admin,
            "/api/auth/register",
            """
            {"name": "%s", "password": "org-admin-pass", "roles": ["Organization_Admin"],
             "organization": "%s"}
            """
                .formatted(orgAdmin, org));
    assertThat(registered.getResponse().getStatus()).as(body(registered)).isEqualTo(201);
    JsonNode members = json(getAs(admin, "/api/organization/")).findValue("member");
    assertThat(members).isNotNull();

    MvcResult loginResult =
        call(
            post("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"username\":\"%s\",\"password\":\"org-admin-pass\",\"organization_name\":\"%s\"}"
                        .formatted(orgAdmin, org)));
    assertThat(loginResult.getResponse().getStatus()).isEqualTo(200);
    String token = json(loginResult).get("token").asString();
    MvcResult member =
        postAs(
            token, "/api/auth/register", "{\"name\":\"member1\",\"password\":\"member-pass-1\"}");
    assertThat(member.getResponse().getStatus()).as(body(member)).isEqualTo(201);
    assertThat(json(member).get("organization_id").asString()).isEqualTo(orgId);
    JsonNode orgUsers = json(getAs(token, "/api/users/" + orgId));
    assertThat(orgUsers).hasSize(2);
    MvcResult giveAdmin =
        postAs(
            token,
            "/api/auth/register",
            "{\"name\":\"boss\",\"password\":\"member-pass-1\",\"roles\":[\"Admin\"]}");
    assertThat(giveAdmin.getResponse().getStatus()).isEqualTo(403);
    assertThat(json(getAs(token, "/api/organization/"))).hasSize(1);

    assertThat(deleteAs(admin, "/api/organization/" + orgId).getResponse().getStatus())
        .isEqualTo(409);
    MvcResult renamed =
        putAs(admin, "/api/organization/" + orgId, "{\"name\":\"%s\"}".formatted(org + "x"));
    assertThat(json(renamed).get("name").asString()).isEqualTo(org + "x");
  }

  @Test
  void theAdminPasswordFileIsPrivateWhenGenerated() throws Exception {
    // The tests give CANOPY_ADMIN_PASSWORD, so no file is written; the key file is, with 0600.
    assertThat(Files.exists(dataDir().resolve("admin-password"))).isFalse();
    assertThat(Files.getPosixFilePermissions(dataDir().resolve("jwt-signing-key.pem")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }
}
