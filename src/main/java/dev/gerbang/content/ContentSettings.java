package dev.gerbang.content;

import dev.gerbang.config.ConfigReader;

/**
 * usersMayWriteDrafts: whether any signed-in user may write article drafts (publishing stays with editors and
 * admins); cacheMaxEntries: how many public content responses each node keeps in memory.
 */
public record ContentSettings(boolean usersMayWriteDrafts, int cacheMaxEntries) {

  public static ContentSettings from(ConfigReader config) {
    return new ContentSettings(config.bool("content.usersMayWriteDrafts"), config.intIn("content.cacheMaxEntries", 0, 10_000_000));
  }
}
