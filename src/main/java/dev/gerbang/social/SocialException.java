package dev.gerbang.social;

/**
 * A social sign-in failure the user can act on, of a known kind: a provider fails with it, and its code goes back
 * to the web app (?oauthError=code). Anything else a provider fails with counts as provider_error.
 */
public final class SocialException extends RuntimeException {
  /** What went wrong with the provider. */
  public enum Kind {
    /** An ID token or profile answer that does not verify: forged, mixed up, expired, or about someone else. */
    INVALID_TOKEN("invalid_token"),
    /** The provider is unreachable, refused the code, or answered something unusable. */
    PROVIDER_ERROR("provider_error");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The oauthError code the web app shows. */
    public String code() {
      return code;
    }
  }

  private final Kind kind;

  public SocialException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The oauthError code of a provider's failure: its kind's, or provider_error for a failure of another type. */
  public static String codeOf(Throwable failure) {
    return (failure instanceof SocialException s ? s.kind : Kind.PROVIDER_ERROR).code();
  }
}
