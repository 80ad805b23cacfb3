package io.canopy.root.auth;

import io.canopy.root.user.Role;
import io.canopy.root.user.UserDocument;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the RS256 JWTs. Claims follow Oakestra ({@code sub} user name, {@code roles}
 * with Oakestra's names, {@code organization} id, {@code exp}); Canopy adds {@code uid} (the user's
 * id) and {@code typ} ({@code access} or {@code refresh}) so a refresh token never passes as an
 * access token.
 */
@Component
class TokenService {
  static final String ACCESS = "access";
  static final String REFRESH = "refresh";

  private final JwtKeys keys;
  private final AuthProperties properties;
  private final Clock clock;
  private final JwtParser parser;

  TokenService(JwtKeys keys, AuthProperties properties, Clock clock) {
    this.keys = keys;
    this.properties = properties;
    this.clock = clock;
    this.parser = Jwts.parser().verifyWith(keys.pair().getPublic()).clockSkewSeconds(5).build();
  }

  String access(UserDocument user) {
    return issue(user, ACCESS, properties.accessTokenLifetime());
  }

  String refresh(UserDocument user) {
    return issue(user, REFRESH, properties.refreshTokenLifetime());
  }

  private String issue(UserDocument user, String type, Duration lifetime) {
    Instant now = clock.instant();
    return Jwts.builder()
        .subject(user.name())
        .id(UUID.randomUUID().toString())
        .claim("roles", user.roles().stream().map(Role::oakestraName).toList())
        .claim("organization", user.organizationId())
        .claim("uid", user.id())
        .claim("typ", type)
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(lifetime)))
        .signWith(keys.pair().getPrivate(), Jwts.SIG.RS256)
        .compact();
  }

  /** The token's claims if it is signed by this root, unexpired and of the wanted type. */
  Verified verify(String token, String wantedType) {
    try {
      Claims claims = parser.parseSignedClaims(token).getPayload();
      if (!wantedType.equals(claims.get("typ", String.class))) {
        return new Verified(null, "this is not an " + wantedType + " token");
      }
      if (claims.get("uid", String.class) == null) {
        return new Verified(null, "the token names no user");
      }
      return new Verified(claims, null);
    } catch (ExpiredJwtException e) {
      return new Verified(null, "the token has expired");
    } catch (JwtException | IllegalArgumentException e) {
      return new Verified(null, "the token is not valid: " + e.getMessage());
    }
  }

  /** Either the claims or why the token was refused. */
  record Verified(Claims claims, String failure) {
    boolean ok() {
      return claims != null;
    }

    String userId() {
      return claims.get("uid", String.class);
    }
  }
}
