-- The care team: the doctors an admin has assigned to a patient. A doctor on a patient's care team reads all
-- of that patient's records; any other doctor reads only the records they wrote. Until now the relation was
-- implied by writing a record (any doctor could write one for any patient id, and so open the whole history).
--
-- Existing data: the implied relation is deliberately NOT turned into assignments. A doctor keeps every record
-- they wrote (that needs no row here), and loses the rest of those patients' histories until an admin puts them
-- on the care team (PUT /api/admin/patients/{id}/doctors/{doctorId}). Carrying the old relation over would
-- also carry over any access gained through the hole this closes.
-- Portable SQL (SQLite and PostgreSQL).
CREATE TABLE care_team (
  patient_id  VARCHAR(36) NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  doctor_id   VARCHAR(36) NOT NULL REFERENCES doctors (id) ON DELETE CASCADE,
  assigned_by VARCHAR(36) REFERENCES users (id) ON DELETE SET NULL,
  assigned_at BIGINT      NOT NULL,
  PRIMARY KEY (patient_id, doctor_id)
);
-- The doctor's side: the scope of a doctor's record list, and the check on reading one record.
CREATE INDEX care_team_doctor_idx ON care_team (doctor_id, patient_id);

-- It served the implied relation ("has this doctor a record of this patient?"), which no query asks any more.
DROP INDEX medical_records_care_idx;
