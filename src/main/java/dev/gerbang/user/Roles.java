package dev.gerbang.user;

import java.util.Set;

/** The roles a user may hold; `user` is given at sign-up, the others by an admin. */
public final class Roles {
  public static final String USER = "user";
  public static final String EDITOR = "editor";
  public static final String DOCTOR = "doctor";
  public static final String PATIENT = "patient";
  public static final String ADMIN = "admin";
  public static final Set<String> ALL = Set.of(USER, EDITOR, DOCTOR, PATIENT, ADMIN);

  private Roles() {
  }
}
