package dev.gerbang.social;

/** A social sign-in failure the user can act on; its code goes back to the web app (?oauthError=code). */
public final class SocialException extends RuntimeException {
  private final String code;

  public SocialException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
