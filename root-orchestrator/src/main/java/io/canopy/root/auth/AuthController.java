package io.canopy.root.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.root.organization.OrganizationDocument;
import io.canopy.root.organization.OrganizationStore;
import io.canopy.root.user.UserDocument;
import io.canopy.root.user.UserRequests;
import io.canopy.root.user.UserService;
import io.canopy.root.user.UserStore;
import io.canopy.root.user.UserView;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.Fields;
import io.canopy.root.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Login, refresh and registration, on Oakestra's paths and with its shapes. */
@RestController
@Tag(name = "Authentication")
class AuthController {
  // Compared against when the user does not exist, so a wrong name costs as long as a wrong
  // password and does not reveal which names exist.
  private final String dummyHash;

  private final UserStore users;
  private final OrganizationStore organizations;
  private final UserService userService;
  private final PasswordEncoder passwords;
  private final TokenService tokens;
  private final LoginThrottle throttle;

  AuthController(
      UserStore users,
      OrganizationStore organizations,
      UserService userService,
      PasswordEncoder passwords,
      TokenService tokens,
      LoginThrottle throttle) {
    this.users = users;
    this.organizations = organizations;
    this.userService = userService;
    this.passwords = passwords;
    this.tokens = tokens;
    this.throttle = throttle;
    this.dummyHash = passwords.encode(java.util.UUID.randomUUID().toString());
  }

  record Login(
      @JsonProperty("username") String username,
      @JsonProperty("password") String password,
      @JsonProperty("organization_name") String organizationName) {}

  record Tokens(
      @JsonProperty("token") String token, @JsonProperty("refresh_token") String refreshToken) {}

  record AccessToken(@JsonProperty("token") String token) {}

  @PostMapping("/api/auth/login")
  @Operation(summary = "Log in: {username, password, organization_name?} → {token, refresh_token}")
  Tokens login(@RequestBody Login body) {
    String name = Fields.required("username", body.username());
    String password = Fields.required("password", body.password());
    String orgName =
        body.organizationName() == null || body.organizationName().isBlank()
            ? OrganizationDocument.ROOT
            : body.organizationName();
    String key = orgName + "/" + name;
    Optional<Duration> wait = throttle.waitFor(key);
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds());
      throw new ApiProblem(
          ProblemType.TOO_MANY_LOGINS,
          "too many failed logins for " + name + "; try again in " + seconds + " s",
          java.util.List.of(),
          Map.of("retry_after_seconds", seconds));
    }
    Optional<UserDocument> user =
        organizations.byName(orgName).flatMap(org -> users.byName(org.id(), name));
    boolean matches =
        passwords.matches(password, user.map(UserDocument::passwordHash).orElse(dummyHash));
    if (user.isEmpty() || !matches) {
      throttle.failed(key);
      throw new ApiProblem(ProblemType.BAD_CREDENTIALS, "wrong user name or password");
    }
    throttle.succeeded(key);
    return new Tokens(tokens.access(user.get()), tokens.refresh(user.get()));
  }

  @PostMapping("/api/auth/refresh")
  @Operation(summary = "A new access token for the refresh token sent as the Bearer token")
  AccessToken refresh(HttpServletRequest request) {
    String token =
        JwtAuthenticationFilter.bearer(request)
            .orElseThrow(
                () ->
                    new ApiProblem(
                        ProblemType.UNAUTHENTICATED,
                        "send the refresh token as 'Authorization: Bearer <refresh_token>'"));
    TokenService.Verified verified = tokens.verify(token, TokenService.REFRESH);
    if (!verified.ok()) {
      throw new ApiProblem(ProblemType.INVALID_TOKEN, verified.failure());
    }
    UserDocument user =
        users
            .byId(verified.userId())
            .orElseThrow(
                () ->
                    new ApiProblem(ProblemType.INVALID_TOKEN, "the token's user no longer exists"));
    return new AccessToken(tokens.access(user));
  }

  @PostMapping("/api/auth/register")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Register a user (admins; organization admins in their organization)")
  UserView register(
      @AuthenticationPrincipal CurrentUser me, @RequestBody UserRequests.Register body) {
    return UserView.of(userService.register(me, body));
  }
}
