package dev.gerbang.web;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Browser tests run only where Debian's chromium is installed; elsewhere each one is reported as skipped,
 * with the reason, so that `./mvnw verify` passes on a machine without a browser.
 */
final class ChromiumRequired implements ExecutionCondition {
  static final String MISSING = "browser tests skipped: " + Browser.CHROMIUM
      + " is missing (install it with: apt-get install -y chromium)";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (Files.isExecutable(Browser.CHROMIUM)) {
      return ConditionEvaluationResult.enabled("chromium found at " + Browser.CHROMIUM);
    }
    // The class itself stays enabled (its @BeforeAll does nothing then), so that every test shows as skipped.
    return context.getTestMethod().isPresent() ? ConditionEvaluationResult.disabled(MISSING)
        : ConditionEvaluationResult.enabled("its tests will each be skipped");
  }
}
