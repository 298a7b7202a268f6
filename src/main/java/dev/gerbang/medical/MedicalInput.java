package dev.gerbang.medical;

import dev.gerbang.db.Ids;
import dev.gerbang.http.Validator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks shared by the medical request bodies: calendar dates, ICD-10 codes, ids, optional text. */
final class MedicalInput {
  /** ICD-10 (WHO and -CM): a letter, two digits (or digit + letter, as in C4A), then optionally a dot and 1-4 more. */
  static final Pattern ICD10 = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");
  static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,19}");
  static final Pattern MRN = Pattern.compile("[A-Z0-9][A-Z0-9-]{3,19}");
  static final Pattern LICENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{3,39}");
  static final Set<String> SEXES = Set.of("female", "male", "intersex", "unknown");
  static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

  private MedicalInput() {
  }

  /**
   * The latest date that is already "today" somewhere on Earth (UTC+14): a visit or a birth in the future
   * is nonsense, but a clinic east of UTC may well be a day ahead of the server.
   */
  static LocalDate latestToday() {
    return LocalDate.now(ZoneOffset.ofHours(14));
  }

  /** A required past-or-today ISO date (2026-01-31) from 1900 on. */
  static String pastDate(Validator v, String field) {
    Object value = v.raw().getValue(field);
    if (value == null) {
      v.add(field, "field.required");
      return null;
    }
    LocalDate date = null;
    if (value instanceof String s && ISO_DATE.matcher(s).matches()) {
      try {
        date = LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        date = null;
      }
    }
    if (date == null) {
      v.add(field, "field.date");
      return null;
    }
    if (date.isAfter(latestToday())) {
      v.add(field, "field.future_date");
      return null;
    }
    if (date.isBefore(EARLIEST)) {
      v.add(field, "field.date_too_old");
      return null;
    }
    return date.toString();
  }

  static String id(Validator v, String field, boolean required) {
    Object value = v.raw().getValue(field);
    if (value == null) {
      if (required) {
        v.add(field, "field.required");
      }
      return null;
    }
    if (!(value instanceof String s) || !Ids.looksValid(s)) {
      v.add(field, "field.id");
      return null;
    }
    return s;
  }

  /** An optional ICD-10 code, upper-cased; null when absent, null or empty. */
  static String icd10(Validator v, String field) {
    String code = v.optionalLine(field, 0, 8);
    if (code == null || code.isEmpty()) {
      return null;
    }
    return v.pattern(field, code.toUpperCase(Locale.ROOT), ICD10, "field.icd10");
  }

  /** Optional free text: null when absent, null or blank. */
  static String optional(Validator v, String field, int max) {
    String text = v.optionalText(field, 0, max);
    return text == null || text.isEmpty() ? null : text;
  }
}
