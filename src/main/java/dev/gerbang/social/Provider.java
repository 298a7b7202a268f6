package dev.gerbang.social;

import io.vertx.core.Future;

/**
 * A sign-in provider. Adding one is configuration (any OpenID Connect issuer: {@link OidcProvider}) or one
 * small class like {@link FacebookProvider} for a plain OAuth 2.0 provider with its own profile API.
 */
public interface Provider {
  /** The id used in paths and the identities table: google, facebook, ... */
  String name();

  /** The label the login page shows: "Google". */
  String displayName();

  /** True for OpenID Connect providers, which get a nonce and an ID token. */
  boolean openIdConnect();

  /** The provider's authorization URL for this flow: code flow with state and PKCE (S256), and the nonce for OIDC. */
  Future<String> authorizeUrl(String redirectUri, String state, String codeChallenge, String nonce);

  /**
   * Exchanges the code (with the PKCE verifier) and answers the verified profile. Fails with a
   * {@link SocialException}: PROVIDER_ERROR when the provider cannot be reached or refuses the code, INVALID_TOKEN
   * when the ID token does not verify (signature via the provider's keys, issuer, audience, expiry, nonce).
   */
  Future<Profile> profile(String code, String redirectUri, String codeVerifier, String nonce);
}
