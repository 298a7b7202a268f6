package dev.gerbang.content.impl;

import dev.gerbang.audit.Actor;
import dev.gerbang.user.Roles;

/**
 * Who is asking, as the content services decide visibility and ownership next to their queries: the actor's
 * account (none for an anonymous caller) and whether it edits everyone's content.
 */
final class Viewer {
  private final String userId;
  private final boolean editor;

  private Viewer(String userId, boolean editor) {
    this.userId = userId;
    this.editor = editor;
  }

  static Viewer of(Actor actor) {
    return new Viewer(actor.userId(), actor.hasRole(Roles.EDITOR) || actor.hasRole(Roles.ADMIN));
  }

  String userId() {
    return userId;
  }

  boolean anonymous() {
    return userId == null;
  }

  /** Editors and admins: may publish, and may edit, hide or delete anyone's content. */
  boolean isEditor() {
    return editor;
  }

  boolean is(String authorId) {
    return userId != null && userId.equals(authorId);
  }
}
