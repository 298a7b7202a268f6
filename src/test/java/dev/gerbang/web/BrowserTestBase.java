package dev.gerbang.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** One chromium per browser test class, launched before its tests and closed after; none without chromium. */
@ExtendWith(ChromiumRequired.class)
abstract class BrowserTestBase {
  static Browser browser;

  @BeforeAll
  static void launch() {
    browser = Browser.installed() ? Browser.launch() : null;
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}
