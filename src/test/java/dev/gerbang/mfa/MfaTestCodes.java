package dev.gerbang.mfa;

import dev.gerbang.TestServer;

/** For tests of other packages (social sign-in, the browser): enrol TOTP over HTTP and compute its codes. */
public final class MfaTestCodes {
  private MfaTestCodes() {
  }

  /** Enrols TOTP for the signed-in user: the secret. */
  public static String enrol(TestServer server, String accessToken) {
    return new MfaClient(server).enrol(accessToken).secret();
  }

  /** The authenticator app's code for this secret, steps from now. */
  public static String code(String secret, int stepsFromNow) {
    return MfaClient.code(secret, stepsFromNow);
  }
}
