package dev.gerbang.content;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The orders of the article list, by their ?sort= parameter: a field, downwards with a leading "-". */
public enum ArticleSort {
  PUBLISHED_DESC("-published"), PUBLISHED_ASC("published"), TITLE_DESC("-title"), TITLE_ASC("title"),
  LIKES_DESC("-likes"), LIKES_ASC("likes");

  private final String parameter;

  ArticleSort(String parameter) {
    this.parameter = parameter;
  }

  /** Its ?sort= value. */
  public String parameter() {
    return parameter;
  }

  public static ArticleSort of(String parameter) {
    return Arrays.stream(values()).filter(sort -> sort.parameter.equals(parameter)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no article sort " + parameter));
  }

  public static Set<String> parameters() {
    return Arrays.stream(values()).map(ArticleSort::parameter).collect(Collectors.toUnmodifiableSet());
  }
}
