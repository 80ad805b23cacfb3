package io.canopy.root.auth;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifetimes, login throttling and CORS.
 *
 * @param accessTokenLifetime how long an access token is accepted
 * @param refreshTokenLifetime how long a refresh token can mint access tokens
 * @param maxFailedLogins failures in a row after which a user's logins are refused for a while
 * @param lockout the first refusal period; it doubles with every further failure
 * @param maxLockout the longest refusal period
 * @param corsAllowedOrigins browser origins other than the root's own that may call the API
 * @param publicMetrics whether {@code /actuator/prometheus} answers without a token (for a scraper
 *     that cannot log in)
 */
@ConfigurationProperties("canopy.auth")
record AuthProperties(
    @DefaultValue("10m") Duration accessTokenLifetime,
    @DefaultValue("7d") Duration refreshTokenLifetime,
    @DefaultValue("5") int maxFailedLogins,
    @DefaultValue("30s") Duration lockout,
    @DefaultValue("15m") Duration maxLockout,
    @DefaultValue List<String> corsAllowedOrigins,
    @DefaultValue("false") boolean publicMetrics) {}
