package io.canopy.root.auth;

import io.canopy.root.user.Role;
import io.canopy.root.user.UserDocument;
import io.canopy.root.user.UserStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request from its {@code Authorization: Bearer <access token>}. The user is
 * re-read on every request so a deleted user or a changed role takes effect at once. A refused
 * token leaves the request anonymous and records why, for the 401 answer.
 */
class JwtAuthenticationFilter extends OncePerRequestFilter {
  static final String FAILURE = JwtAuthenticationFilter.class.getName() + ".failure";

  private final TokenService tokens;
  private final UserStore users;

  JwtAuthenticationFilter(TokenService tokens, UserStore users) {
    this.tokens = tokens;
    this.users = users;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    bearer(request)
        .ifPresent(
            token -> {
              TokenService.Verified verified = tokens.verify(token, TokenService.ACCESS);
              if (!verified.ok()) {
                request.setAttribute(FAILURE, verified.failure());
                return;
              }
              Optional<UserDocument> user = users.byId(verified.userId());
              if (user.isEmpty()) {
                request.setAttribute(FAILURE, "the token's user no longer exists");
                return;
              }
              CurrentUser me = CurrentUser.of(user.get());
              var authorities =
                  me.roles().stream()
                      .map(Role::name)
                      .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                      .toList();
              SecurityContextHolder.getContext()
                  .setAuthentication(
                      new UsernamePasswordAuthenticationToken(me, token, authorities));
            });
    chain.doFilter(request, response);
  }

  static Optional<String> bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
