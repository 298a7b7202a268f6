package dev.gerbang.mfa;

import dev.gerbang.db.Ids;
import dev.gerbang.user.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.webauthn4j.Attestation;
import io.vertx.ext.auth.webauthn4j.Authenticator;
import io.vertx.ext.auth.webauthn4j.CredentialStorage;
import io.vertx.ext.auth.webauthn4j.RelyingParty;
import io.vertx.ext.auth.webauthn4j.ResidentKey;
import io.vertx.ext.auth.webauthn4j.UserVerification;
import io.vertx.ext.auth.webauthn4j.WebAuthn4J;
import io.vertx.ext.auth.webauthn4j.WebAuthn4JCredentials;
import io.vertx.ext.auth.webauthn4j.WebAuthn4JOptions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Passkeys with vertx-auth-webauthn4j: registration and assertion options, and their checks against the relying party
 * (id and origins from settings) and a challenge the server handed out. Discoverable credentials (resident keys) so
 * that a passkey alone signs in; user verification required for that, preferred as a second factor. A provider is
 * built per call, with a credential store bound to the one user concerned (none: any user, for a passkey sign-in).
 */
final class WebAuthn {
  private final Vertx vertx;
  private final MfaSettings settings;
  private final MfaService service;
  private final WebAuthn4JOptions preferred;
  private final WebAuthn4JOptions required;

  WebAuthn(Vertx vertx, MfaSettings settings, MfaService service) {
    this.vertx = vertx;
    this.settings = settings;
    this.service = service;
    this.preferred = options(settings, UserVerification.PREFERRED);
    this.required = options(settings, UserVerification.REQUIRED);
  }

  private static WebAuthn4JOptions options(MfaSettings settings, UserVerification verification) {
    return new WebAuthn4JOptions().setRelyingParty(new RelyingParty().setId(settings.rpId()).setName(settings.rpName()))
        .setResidentKey(ResidentKey.REQUIRED).setUserVerification(verification).setAttestation(Attestation.NONE)
        .setExtensions(new JsonObject());
  }

  /** A store that sees only this user's passkeys (null: everyone's), and keeps what a call registered or used. */
  private final class Store implements CredentialStorage {
    final String userId;
    final AtomicReference<Authenticator> touched = new AtomicReference<>();
    final AtomicReference<Passkey> used = new AtomicReference<>();

    Store(String userId) {
      this.userId = userId;
    }

    @Override
    public Future<List<Authenticator>> find(String userName, String credentialId) {
      return service.findPasskeys(userId, credentialId).map(keys -> {
        if (credentialId != null && keys.size() == 1) {
          used.set(keys.get(0));
        }
        return keys.stream().map(k -> new Authenticator().setUsername(k.userId()).setCredID(k.credentialId()).setType("public-key")
            .setPublicKey(k.publicKey()).setCounter(k.signCount()).setAaguid(k.aaguid())).toList();
      });
    }

    @Override
    public Future<Void> storeCredential(Authenticator authenticator) {
      touched.set(authenticator);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> updateCounter(Authenticator authenticator) {
      touched.set(authenticator);
      return service.usePasskey(authenticator.getCredID(), authenticator.getCounter());
    }
  }

  /** Options for navigator.credentials.create(): the user's passkeys excluded. */
  Future<JsonObject> registrationOptions(User user) {
    return WebAuthn4J.create(vertx, preferred).credentialStorage(new Store(user.id()))
        .createCredentialsOptions(new JsonObject().put("name", user.email()).put("displayName", user.name()));
  }

  /** Options for navigator.credentials.get(): any discoverable passkey (userId null), or the user's. */
  Future<JsonObject> assertionOptions(String userId) {
    Future<JsonObject> options = WebAuthn4J.create(vertx, userId == null ? required : preferred).credentialStorage(new Store(userId))
        .getCredentialsOptions(null);
    if (userId == null) {
      return options;
    }
    return options.compose(json -> service.findPasskeys(userId, null).map(keys -> {
      JsonArray allow = new JsonArray();
      keys.forEach(k -> allow.add(new JsonObject().put("type", "public-key").put("id", k.credentialId())));
      return json.put("allowCredentials", allow);
    }));
  }

  /** Checks a navigator.credentials.create() answer to this challenge: the passkey to store (not stored yet). */
  Future<Passkey> register(User user, String challenge, JsonObject credential, String name) {
    Store store = new Store(user.id());
    return credentials(challenge, credential, user.email(), "webauthn.create")
        .compose(creds -> WebAuthn4J.create(vertx, preferred).credentialStorage(store).authenticate(creds))
        .map(done -> {
          Authenticator a = store.touched.get();
          return new Passkey(Ids.newId(), user.id(), a.getCredID(), a.getPublicKey(), a.getCounter(), a.getAaguid(), name,
              System.currentTimeMillis(), null);
        });
  }

  /** Checks a navigator.credentials.get() answer to this challenge, by this user's passkeys (null: anyone's): the passkey used. */
  Future<Passkey> verify(String userId, String challenge, JsonObject credential) {
    Store store = new Store(userId);
    return credentials(challenge, credential, userId, "webauthn.get")
        .compose(creds -> WebAuthn4J.create(vertx, userId == null ? required : preferred).credentialStorage(store).authenticate(creds))
        .map(done -> store.used.get());
  }

  /** The credential as the provider takes it, with the origin the browser signed for, when it is one of ours. */
  private Future<WebAuthn4JCredentials> credentials(String challenge, JsonObject credential, String username, String type) {
    try {
      JsonObject clientData = new JsonObject(new String(Base64.getUrlDecoder().decode(
          credential.getJsonObject("response").getString("clientDataJSON")), java.nio.charset.StandardCharsets.UTF_8));
      String origin = clientData.getString("origin");
      if (!type.equals(clientData.getString("type"))) {
        return Future.failedFuture("expected a " + type + " response");
      }
      if (!settings.origins().contains(origin)) {
        return Future.failedFuture("origin " + origin + " is not one of the relying party's");
      }
      return Future.succeededFuture(new WebAuthn4JCredentials().setChallenge(challenge).setWebauthn(credential).setUsername(username)
          .setOrigin(origin).setDomain(settings.rpId()));
    } catch (RuntimeException e) {
      return Future.failedFuture("malformed credential");
    }
  }
}
