// Passkeys in the browser: the server's WebAuthn options (binary fields as base64url) to the objects
// navigator.credentials wants, and the credential it answers back to JSON for the server (vertx-auth-webauthn4j).

const b64u = {
  decode(text) {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
  },
  encode(buffer) {
    let text = '';
    new Uint8Array(buffer).forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  },
};

export function passkeysSupported() {
  return typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;
}

function descriptors(list) {
  return (list || []).map((d) => ({ ...d, id: b64u.decode(d.id) }));
}

/** navigator.credentials.create() for registration options: the credential as JSON. */
export async function createCredential(options) {
  const publicKey = {
    ...options,
    challenge: b64u.decode(options.challenge),
    user: { ...options.user, id: b64u.decode(options.user.id) },
    excludeCredentials: descriptors(options.excludeCredentials),
  };
  const credential = await navigator.credentials.create({ publicKey });
  return {
    id: credential.id,
    rawId: b64u.encode(credential.rawId),
    type: credential.type,
    response: {
      clientDataJSON: b64u.encode(credential.response.clientDataJSON),
      attestationObject: b64u.encode(credential.response.attestationObject),
    },
  };
}

/** navigator.credentials.get() for assertion options: the credential as JSON. */
export async function getCredential(options) {
  const publicKey = { ...options, challenge: b64u.decode(options.challenge) };
  if (options.allowCredentials) publicKey.allowCredentials = descriptors(options.allowCredentials);
  const credential = await navigator.credentials.get({ publicKey });
  const response = {
    clientDataJSON: b64u.encode(credential.response.clientDataJSON),
    authenticatorData: b64u.encode(credential.response.authenticatorData),
    signature: b64u.encode(credential.response.signature),
  };
  if (credential.response.userHandle) response.userHandle = b64u.encode(credential.response.userHandle);
  return { id: credential.id, rawId: b64u.encode(credential.rawId), type: credential.type, response };
}
