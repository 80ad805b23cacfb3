package io.canopy.root.auth;

import io.canopy.root.user.UserStore;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Every endpoint needs an access token except login, refresh, cluster registration (it has its own
 * token), the cluster channel (its handshake checks the cluster credential), health, the API docs
 * and the dashboard's static files. Stateless: no session, no CSRF (tokens travel in a header,
 * never in a cookie).
 */
@Configuration
class SecurityConfig {

  @Bean
  SecurityFilterChain api(
      HttpSecurity http, TokenService tokens, UserStore users, AuthProperties properties)
      throws Exception {
    ProblemEntryPoint problems = new ProblemEntryPoint();
    http.csrf(AbstractHttpConfigurer::disable)
        .cors(Customizer.withDefaults())
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            a -> {
              a.requestMatchers(
                      HttpMethod.POST,
                      "/api/auth/login",
                      "/api/auth/refresh",
                      "/api/clusters/register")
                  .permitAll();
              a.requestMatchers("/api/clusters/channel").permitAll();
              a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
              a.requestMatchers(
                      "/api/docs",
                      "/api/docs/**",
                      "/api/swagger-ui/**",
                      "/swagger-ui/**",
                      "/swagger-ui.html",
                      "/v3/api-docs",
                      "/v3/api-docs/**")
                  .permitAll();
              a.requestMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**", "/favicon*")
                  .permitAll();
              a.requestMatchers("/error").permitAll();
              if (properties.publicMetrics()) {
                a.requestMatchers(HttpMethod.GET, "/actuator/prometheus").permitAll();
              }
              a.anyRequest().authenticated();
            })
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .addFilterBefore(
            new JwtAuthenticationFilter(tokens, users), AnonymousAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  /** No cross-origin caller is allowed unless configured: same-origin needs no CORS. */
  @Bean
  CorsConfigurationSource corsConfigurationSource(AuthProperties properties) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    if (!properties.corsAllowedOrigins().isEmpty()) {
      CorsConfiguration cors = new CorsConfiguration();
      cors.setAllowedOrigins(properties.corsAllowedOrigins());
      cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
      cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
      cors.setMaxAge(3600L);
      source.registerCorsConfiguration("/**", cors);
    }
    return source;
  }
}
