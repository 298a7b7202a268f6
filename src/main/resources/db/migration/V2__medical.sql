-- Medical records: patient and doctor profiles of users, and the records doctors write.
-- Portable SQL (SQLite and PostgreSQL). Ids are UUIDv7 strings made by the application; times are
-- epoch milliseconds (BIGINT); calendar dates are ISO 'YYYY-MM-DD' strings, which sort as dates.

-- One per user holding the `patient` role. When the account is deleted the profile stays (with no user),
-- because the records that refer to it must be kept.
CREATE TABLE patients (
  id                    VARCHAR(36)  NOT NULL PRIMARY KEY,
  user_id               VARCHAR(36)  REFERENCES users (id) ON DELETE SET NULL,
  medical_record_number VARCHAR(20)  NOT NULL,
  date_of_birth         VARCHAR(10)  NOT NULL,
  sex                   VARCHAR(10)  NOT NULL,
  phone                 VARCHAR(20),
  address               VARCHAR(500),
  created_at            BIGINT       NOT NULL,
  updated_at            BIGINT       NOT NULL
);
CREATE UNIQUE INDEX patients_user_key ON patients (user_id);
CREATE UNIQUE INDEX patients_mrn_key ON patients (medical_record_number);
CREATE INDEX patients_created_idx ON patients (created_at, id);

-- One per user holding the `doctor` role.
CREATE TABLE doctors (
  id             VARCHAR(36)  NOT NULL PRIMARY KEY,
  user_id        VARCHAR(36)  REFERENCES users (id) ON DELETE SET NULL,
  specialty      VARCHAR(100) NOT NULL,
  licence_number VARCHAR(40)  NOT NULL,
  created_at     BIGINT       NOT NULL,
  updated_at     BIGINT       NOT NULL
);
CREATE UNIQUE INDEX doctors_user_key ON doctors (user_id);
CREATE UNIQUE INDEX doctors_licence_key ON doctors (licence_number);
CREATE INDEX doctors_created_idx ON doctors (created_at, id);

-- A visit written by one doctor about one patient. Deleting is soft (deleted_at): the row is kept for the
-- audit trail and hidden from the API. Profiles cannot be deleted while records refer to them.
CREATE TABLE medical_records (
  id          VARCHAR(36)   NOT NULL PRIMARY KEY,
  patient_id  VARCHAR(36)   NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
  doctor_id   VARCHAR(36)   NOT NULL REFERENCES doctors (id) ON DELETE RESTRICT,
  visit_date  VARCHAR(10)   NOT NULL,
  complaint   VARCHAR(2000) NOT NULL,
  diagnosis   VARCHAR(2000) NOT NULL,
  icd10_code  VARCHAR(8),
  treatment   VARCHAR(4000),
  notes       VARCHAR(4000),
  created_by  VARCHAR(36)   NOT NULL,
  created_at  BIGINT        NOT NULL,
  updated_at  BIGINT        NOT NULL,
  deleted_at  BIGINT,
  deleted_by  VARCHAR(36)
);
-- The lists: a patient's records, a doctor's records, all records; each newest visit first.
CREATE INDEX medical_records_patient_idx ON medical_records (patient_id, visit_date, id);
CREATE INDEX medical_records_doctor_idx ON medical_records (doctor_id, visit_date, id);
CREATE INDEX medical_records_visit_idx ON medical_records (visit_date, id);
-- The care check: does this doctor have a record of this patient?
CREATE INDEX medical_records_care_idx ON medical_records (doctor_id, patient_id);
