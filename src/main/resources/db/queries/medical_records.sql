-- Medical records. Every query that returns records applies the caller's scope in SQL, so a filter can
-- only narrow what the caller may see, never widen it. Soft-deleted rows are never returned.

-- The profiles of the calling user: the patient and the doctor row ids, each null when there is none.
-- name: callerProfiles
SELECT (SELECT id FROM patients WHERE user_id = ?) AS patient_id,
       (SELECT id FROM doctors WHERE user_id = ?) AS doctor_id;

-- name: findRecord
SELECT r.*, p.user_id AS patient_user_id, p.medical_record_number, p.date_of_birth, p.sex, pu.name AS patient_name,
       d.user_id AS doctor_user_id, d.specialty, d.licence_number, du.name AS doctor_name
FROM medical_records r
JOIN patients p ON p.id = r.patient_id
LEFT JOIN users pu ON pu.id = p.user_id
JOIN doctors d ON d.id = r.doctor_id
LEFT JOIN users du ON du.id = d.user_id
WHERE r.id = ? AND r.deleted_at IS NULL;

-- Whether an admin put the doctor on the patient's care team: it lets the doctor read all the patient's records.
-- name: onCareTeam
SELECT COUNT(*) FROM care_team WHERE doctor_id = ? AND patient_id = ?;

-- Parameters: scope ('all' for admins, else 'own'), own patient id, own doctor id twice (empty when none: the
-- records they wrote, and those of the patients whose care team they are on); then the filters, empty strings
-- switching them off: patientId, doctorId, visit date from/to (inclusive), q (as given, then its LIKE pattern
-- twice); then the page: cursor visit date twice, cursor id, limit.
-- name: list
SELECT r.*, p.user_id AS patient_user_id, p.medical_record_number, pu.name AS patient_name,
       d.user_id AS doctor_user_id, d.specialty, du.name AS doctor_name
FROM medical_records r
JOIN patients p ON p.id = r.patient_id
LEFT JOIN users pu ON pu.id = p.user_id
JOIN doctors d ON d.id = r.doctor_id
LEFT JOIN users du ON du.id = d.user_id
WHERE r.deleted_at IS NULL
  AND (? = 'all' OR r.patient_id = ? OR r.doctor_id = ?
       OR r.patient_id IN (SELECT t.patient_id FROM care_team t WHERE t.doctor_id = ?))
  AND (? = '' OR r.patient_id = ?)
  AND (? = '' OR r.doctor_id = ?)
  AND r.visit_date >= ? AND r.visit_date <= ?
  AND (? = '' OR lower(r.complaint) LIKE ? ESCAPE '\' OR lower(r.diagnosis) LIKE ? ESCAPE '\')
  AND (r.visit_date < ? OR (r.visit_date = ? AND r.id < ?))
ORDER BY r.visit_date DESC, r.id DESC
LIMIT ?;

-- name: listCount
SELECT COUNT(*)
FROM medical_records r
WHERE r.deleted_at IS NULL
  AND (? = 'all' OR r.patient_id = ? OR r.doctor_id = ?
       OR r.patient_id IN (SELECT t.patient_id FROM care_team t WHERE t.doctor_id = ?))
  AND (? = '' OR r.patient_id = ?)
  AND (? = '' OR r.doctor_id = ?)
  AND r.visit_date >= ? AND r.visit_date <= ?
  AND (? = '' OR lower(r.complaint) LIKE ? ESCAPE '\' OR lower(r.diagnosis) LIKE ? ESCAPE '\');

-- name: patientExists
SELECT COUNT(*) FROM patients WHERE id = ?;

-- name: doctorExists
SELECT COUNT(*) FROM doctors WHERE id = ?;

-- name: insert
INSERT INTO medical_records (id, patient_id, doctor_id, visit_date, complaint, diagnosis, icd10_code, treatment, notes,
                             created_by, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: update
UPDATE medical_records SET visit_date = ?, complaint = ?, diagnosis = ?, icd10_code = ?, treatment = ?, notes = ?,
                           updated_at = ?
WHERE id = ? AND deleted_at IS NULL;

-- name: softDelete
UPDATE medical_records SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL;

-- Whom to tell that a new record is available: the patient's account (no health data is read here).
-- name: patientContact
SELECT u.id, u.email, u.name, u.locale FROM patients p JOIN users u ON u.id = p.user_id WHERE p.id = ?;
