package dev.gerbang.content;

import dev.gerbang.config.ConfigReader;

/**
 * usersMayWriteDrafts: whether any signed-in user may write article drafts (publishing stays with editors and
 * admins); cacheMegabytes: the memory each node gives its cache of public content responses.
 */
public record ContentSettings(boolean usersMayWriteDrafts, int cacheMegabytes) {

  public static ContentSettings from(ConfigReader config) {
    return new ContentSettings(config.bool("content.usersMayWriteDrafts"), config.intIn("content.cacheMegabytes", 0, 65_536));
  }
}
