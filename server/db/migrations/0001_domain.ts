import { sql, type Kysely } from 'kysely';

/**
 * The whole domain model of SPEC.md. One SQL dialect (PostgreSQL) for both
 * PGlite and a PostgreSQL server. The exclusion constraint on appointments is
 * what makes double booking impossible, whatever code path writes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);
  // One statement per call: PGlite's extended protocol takes one at a time.
  for (const statement of DDL.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

const DDL = `
    CREATE TABLE organizations (
      id uuid PRIMARY KEY,
      subdomain text NOT NULL UNIQUE CHECK (subdomain ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
      name text NOT NULL,
      time_zone text NOT NULL,
      locale text NOT NULL CHECK (locale IN ('nb', 'sv', 'en')),
      settings jsonb NOT NULL DEFAULT '{}',
      texts jsonb NOT NULL DEFAULT '{}',
      theme jsonb NOT NULL DEFAULT '{}',
      messaging jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE api_keys (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      name text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );

    CREATE TABLE clinics (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      name text NOT NULL,
      address text NOT NULL DEFAULT '',
      postal_code text NOT NULL DEFAULT '',
      city text NOT NULL DEFAULT '',
      phone text NOT NULL DEFAULT '',
      group_name text,
      display_order integer NOT NULL DEFAULT 0,
      time_zone text,
      text_heading text,
      text_body text,
      active boolean NOT NULL DEFAULT true
    );
    CREATE INDEX clinics_organization ON clinics (organization_id, display_order);

    CREATE TABLE providers (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      name text NOT NULL,
      title text NOT NULL DEFAULT '',
      bio text NOT NULL DEFAULT '',
      photo bytea CHECK (photo IS NULL OR octet_length(photo) <= 25600),
      photo_type text,
      consent_photo boolean NOT NULL DEFAULT false,
      consent_title boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true
    );

    -- Where a provider is published, in which order, and how their online time is defined.
    CREATE TABLE provider_clinics (
      provider_id uuid NOT NULL REFERENCES providers ON DELETE CASCADE,
      clinic_id uuid NOT NULL REFERENCES clinics ON DELETE CASCADE,
      display_order integer NOT NULL DEFAULT 0,
      published boolean NOT NULL DEFAULT true,
      availability_mode text NOT NULL DEFAULT 'working_hours'
        CHECK (availability_mode IN ('working_hours', 'published_slots')),
      PRIMARY KEY (provider_id, clinic_id)
    );
    CREATE INDEX provider_clinics_clinic ON provider_clinics (clinic_id);

    CREATE TABLE treatments (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      name text NOT NULL,
      duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
      description text NOT NULL DEFAULT '',
      display_order integer NOT NULL DEFAULT 0,
      online boolean NOT NULL DEFAULT true
    );
    CREATE TABLE treatment_providers (
      treatment_id uuid NOT NULL REFERENCES treatments ON DELETE CASCADE,
      provider_id uuid NOT NULL REFERENCES providers ON DELETE CASCADE,
      PRIMARY KEY (treatment_id, provider_id)
    );
    CREATE TABLE treatment_clinics (
      treatment_id uuid NOT NULL REFERENCES treatments ON DELETE CASCADE,
      clinic_id uuid NOT NULL REFERENCES clinics ON DELETE CASCADE,
      PRIMARY KEY (treatment_id, clinic_id)
    );

    -- Weekly wall-clock spans, minutes since local midnight; weekday 1 = Monday.
    CREATE TABLE working_hours (
      id uuid PRIMARY KEY,
      provider_id uuid NOT NULL REFERENCES providers ON DELETE CASCADE,
      clinic_id uuid NOT NULL REFERENCES clinics ON DELETE CASCADE,
      weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
      end_minute smallint NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
      CHECK (start_minute < end_minute)
    );
    CREATE INDEX working_hours_provider ON working_hours (provider_id, clinic_id);
    CREATE TABLE breaks (
      id uuid PRIMARY KEY,
      provider_id uuid NOT NULL REFERENCES providers ON DELETE CASCADE,
      clinic_id uuid NOT NULL REFERENCES clinics ON DELETE CASCADE,
      weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
      end_minute smallint NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
      CHECK (start_minute < end_minute)
    );
    CREATE INDEX breaks_provider ON breaks (provider_id, clinic_id);
    CREATE TABLE schedule_exceptions (
      id uuid PRIMARY KEY,
      provider_id uuid NOT NULL REFERENCES providers ON DELETE CASCADE,
      clinic_id uuid NOT NULL REFERENCES clinics ON DELETE CASCADE,
      date date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('closed', 'open')),
      start_minute smallint CHECK (start_minute BETWEEN 0 AND 1440),
      end_minute smallint CHECK (end_minute BETWEEN 0 AND 1440),
      note text NOT NULL DEFAULT '',
      CHECK ((start_minute IS NULL) = (end_minute IS NULL)),
      CHECK (kind = 'closed' OR start_minute IS NOT NULL),
      CHECK (start_minute IS NULL OR start_minute < end_minute)
    );
    CREATE INDEX schedule_exceptions_provider ON schedule_exceptions (provider_id, clinic_id, date);
    -- Explicitly published online slots (the seed's e-tider).
    CREATE TABLE online_slots (
      id uuid PRIMARY KEY,
      provider_id uuid NOT NULL REFERENCES providers ON DELETE CASCADE,
      clinic_id uuid NOT NULL REFERENCES clinics ON DELETE CASCADE,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL CHECK (ends_at > starts_at)
    );
    CREATE INDEX online_slots_provider ON online_slots (provider_id, clinic_id, starts_at);

    CREATE TABLE patients (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      first_name text NOT NULL,
      last_name text NOT NULL,
      national_id text NOT NULL,
      mobile text CHECK (mobile IS NULL OR mobile ~ '^\\+[1-9][0-9]{6,14}$'),
      email text,
      address1 text,
      address2 text,
      postal_code text,
      city text,
      wants_sms boolean NOT NULL DEFAULT true,
      next_recall_date date,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, national_id)
    );

    CREATE TABLE appointments (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      patient_id uuid REFERENCES patients ON DELETE SET NULL,
      clinic_id uuid NOT NULL REFERENCES clinics,
      provider_id uuid NOT NULL REFERENCES providers,
      treatment_id uuid REFERENCES treatments ON DELETE SET NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('booked', 'cancelled')),
      source text NOT NULL CHECK (source IN ('online', 'staff', 'api')),
      text text NOT NULL DEFAULT '',
      from_template boolean NOT NULL DEFAULT true,
      campaign_code text,
      user_message text,
      manage_token_hash text UNIQUE,
      reminders_enabled boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      cancelled_at timestamptz,
      CHECK (ends_at > starts_at),
      CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
        provider_id WITH =,
        tstzrange(starts_at, ends_at, '[)') WITH &&
      ) WHERE (status = 'booked')
    );
    CREATE INDEX appointments_provider_time ON appointments (provider_id, starts_at) WHERE status = 'booked';
    CREATE INDEX appointments_patient ON appointments (patient_id);

    CREATE TABLE journal_entries (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      patient_id uuid NOT NULL REFERENCES patients ON DELETE CASCADE,
      appointment_id uuid REFERENCES appointments ON DELETE SET NULL,
      at timestamptz NOT NULL DEFAULT now(),
      kind text NOT NULL,
      text text NOT NULL
    );
    CREATE INDEX journal_entries_patient ON journal_entries (patient_id, at);

    CREATE TABLE pending_patient_changes (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      patient_id uuid NOT NULL REFERENCES patients ON DELETE CASCADE,
      appointment_id uuid REFERENCES appointments ON DELETE SET NULL,
      changes jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz
    );
    CREATE INDEX pending_patient_changes_open ON pending_patient_changes (organization_id) WHERE status = 'pending';

    CREATE TABLE message_templates (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      channel text NOT NULL CHECK (channel IN ('sms', 'email')),
      kind text NOT NULL,
      locale text NOT NULL CHECK (locale IN ('nb', 'sv', 'en')),
      subject text,
      body text NOT NULL,
      UNIQUE (organization_id, channel, kind, locale)
    );

    -- The outbox. Status letters of S13: waiting V, sent S, sent and replied SB,
    -- failed F, cancelled A, failed and retrying FV, expired U.
    CREATE TABLE messages (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      channel text NOT NULL CHECK (channel IN ('sms', 'email')),
      kind text NOT NULL CHECK (kind IN ('reminder1', 'reminder2', 'reminder3', 'general', 'note', 'recall',
                                          'thanks', 'booked', 'rebooked', 'cancelled', 'code')),
      recipient text NOT NULL,
      subject text,
      body text NOT NULL,
      status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'sent', 'replied', 'failed',
                                                            'cancelled', 'retrying', 'expired')),
      created_at timestamptz NOT NULL DEFAULT now(),
      send_at timestamptz NOT NULL,
      expires_at timestamptz,
      sent_at timestamptz,
      replied_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      gateway text,
      gateway_id text,
      locked_until timestamptz,
      appointment_id uuid REFERENCES appointments ON DELETE CASCADE,
      patient_id uuid REFERENCES patients ON DELETE SET NULL,
      dedupe_key text UNIQUE
    );
    CREATE INDEX messages_due ON messages (send_at) WHERE status IN ('waiting', 'retrying');
    CREATE INDEX messages_recipient ON messages (organization_id, recipient, sent_at);
    CREATE UNIQUE INDEX messages_gateway_id ON messages (gateway, gateway_id) WHERE gateway_id IS NOT NULL;

    CREATE TABLE inbound_sms (
      id uuid PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      from_number text NOT NULL,
      body text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      message_id uuid REFERENCES messages ON DELETE SET NULL,
      patient_id uuid REFERENCES patients ON DELETE SET NULL,
      read boolean NOT NULL DEFAULT false,
      follow_up boolean NOT NULL DEFAULT false,
      gateway text NOT NULL,
      gateway_id text NOT NULL,
      UNIQUE (gateway, gateway_id)
    );

    -- A retried POST with the same Idempotency-Key gets the stored answer.
    CREATE TABLE idempotency_keys (
      organization_id uuid NOT NULL REFERENCES organizations ON DELETE CASCADE,
      key text NOT NULL,
      request_hash text NOT NULL,
      status_code integer,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organization_id, key)
    );
`;

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS idempotency_keys, inbound_sms, messages, message_templates, pending_patient_changes,
      journal_entries, appointments, patients, online_slots, schedule_exceptions, breaks, working_hours,
      treatment_clinics, treatment_providers, treatments, provider_clinics, providers, clinics, api_keys,
      organizations CASCADE
  `.execute(db);
}
