-- The care team of a patient: the doctors an admin assigned (medical records: docs/medical-records.md).

-- The patient with their account's name and email.
-- name: patient
SELECT p.*, u.name, u.email FROM patients p LEFT JOIN users u ON u.id = p.user_id WHERE p.id = ?;

-- name: doctorExists
SELECT COUNT(*) FROM doctors WHERE id = ?;

-- The team, in the order they were assigned.
-- name: members
SELECT d.id, d.user_id, d.specialty, d.licence_number, u.name, u.email, t.assigned_at
FROM care_team t
JOIN doctors d ON d.id = t.doctor_id
LEFT JOIN users u ON u.id = d.user_id
WHERE t.patient_id = ?
ORDER BY t.assigned_at, d.id;

-- Assigning twice changes nothing (and inserts no row: only real changes are audited).
-- name: assign
INSERT INTO care_team (patient_id, doctor_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)
ON CONFLICT (patient_id, doctor_id) DO NOTHING;

-- name: unassign
DELETE FROM care_team WHERE patient_id = ? AND doctor_id = ?;
