package io.canopy.root.user;

import io.canopy.root.auth.CurrentUser;
import io.canopy.root.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Oakestra's user endpoints. */
@RestController
@Tag(name = "Users")
class UserController {
  private final UserService service;

  UserController(UserService service) {
    this.service = service;
  }

  @GetMapping("/api/user/{name}")
  @Operation(summary = "A user (yourself; admins and organization admins: their users)")
  UserView get(@AuthenticationPrincipal CurrentUser me, @PathVariable String name) {
    return UserView.of(service.find(me, name));
  }

  @PutMapping("/api/user/{name}")
  @Operation(summary = "Change a user's e-mail; admins also its roles or password")
  UserView update(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String name,
      @RequestBody UserRequests.Update body) {
    return UserView.of(service.update(me, name, body));
  }

  @PostMapping("/api/user/{name}")
  @Operation(summary = "Change a password ({oldPassword, newPassword})")
  Map<String, String> changePassword(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String name,
      @RequestBody UserRequests.ChangePassword body) {
    service.changePassword(me, name, body);
    return Map.of("message", "password changed");
  }

  @DeleteMapping("/api/user/{name}")
  @Operation(summary = "Delete a user (admins and its organization's admins)")
  Map<String, String> delete(@AuthenticationPrincipal CurrentUser me, @PathVariable String name) {
    service.delete(me, name);
    return Map.of("message", "user " + name + " deleted");
  }

  @GetMapping({"/api/users", "/api/users/"})
  @Operation(summary = "All users (admin) or your organization's (organization admin)")
  List<UserView> list(@AuthenticationPrincipal CurrentUser me) {
    return service.list(me).stream().map(UserView::of).toList();
  }

  @GetMapping("/api/users/{organizationId}")
  @Operation(summary = "The users of one organization")
  List<UserView> listOrganization(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String organizationId) {
    return service.listOrganization(me, Ids.require(organizationId, "organization")).stream()
        .map(UserView::of)
        .toList();
  }
}
