-- Patient and doctor profiles. Names and emails come from the user account they belong to.

-- name: patientByUser
SELECT p.*, u.name, u.email FROM patients p LEFT JOIN users u ON u.id = p.user_id WHERE p.user_id = ?;

-- name: patientById
SELECT p.*, u.name, u.email FROM patients p LEFT JOIN users u ON u.id = p.user_id WHERE p.id = ?;

-- name: insertPatient
INSERT INTO patients (id, user_id, medical_record_number, date_of_birth, sex, phone, address, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: updatePatient
UPDATE patients SET medical_record_number = ?, date_of_birth = ?, sex = ?, phone = ?, address = ?, updated_at = ?
WHERE id = ?;

-- Admin search, newest profile first. Empty q switches the search off.
-- name: searchPatients
SELECT p.*, u.name, u.email FROM patients p LEFT JOIN users u ON u.id = p.user_id
WHERE (? = '' OR lower(u.name) LIKE ? ESCAPE '\' OR lower(u.email) LIKE ? ESCAPE '\'
       OR lower(p.medical_record_number) LIKE ? ESCAPE '\')
  AND (p.created_at < ? OR (p.created_at = ? AND p.id < ?))
ORDER BY p.created_at DESC, p.id DESC
LIMIT ?;

-- name: searchPatientsCount
SELECT COUNT(*) FROM patients p LEFT JOIN users u ON u.id = p.user_id
WHERE (? = '' OR lower(u.name) LIKE ? ESCAPE '\' OR lower(u.email) LIKE ? ESCAPE '\'
       OR lower(p.medical_record_number) LIKE ? ESCAPE '\');

-- name: doctorByUser
SELECT d.*, u.name, u.email FROM doctors d LEFT JOIN users u ON u.id = d.user_id WHERE d.user_id = ?;

-- name: doctorById
SELECT d.*, u.name, u.email FROM doctors d LEFT JOIN users u ON u.id = d.user_id WHERE d.id = ?;

-- name: insertDoctor
INSERT INTO doctors (id, user_id, specialty, licence_number, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?);

-- name: updateDoctor
UPDATE doctors SET specialty = ?, licence_number = ?, updated_at = ? WHERE id = ?;

-- name: searchDoctors
SELECT d.*, u.name, u.email FROM doctors d LEFT JOIN users u ON u.id = d.user_id
WHERE (? = '' OR lower(u.name) LIKE ? ESCAPE '\' OR lower(u.email) LIKE ? ESCAPE '\'
       OR lower(d.specialty) LIKE ? ESCAPE '\' OR lower(d.licence_number) LIKE ? ESCAPE '\')
  AND (d.created_at < ? OR (d.created_at = ? AND d.id < ?))
ORDER BY d.created_at DESC, d.id DESC
LIMIT ?;

-- name: searchDoctorsCount
SELECT COUNT(*) FROM doctors d LEFT JOIN users u ON u.id = d.user_id
WHERE (? = '' OR lower(u.name) LIKE ? ESCAPE '\' OR lower(u.email) LIKE ? ESCAPE '\'
       OR lower(d.specialty) LIKE ? ESCAPE '\' OR lower(d.licence_number) LIKE ? ESCAPE '\');

-- The role a profile needs, held by the user it is for.
-- name: userHasRole
SELECT COUNT(*) FROM user_roles WHERE user_id = ? AND role = ?;
