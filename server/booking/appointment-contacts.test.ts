import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appointmentContacts, type ContactColumns } from './appointment-contacts.ts';

const record = { first_name: 'Demo', last_name: 'Pasient', mobile: '+4791234567', email: 'demo.pasient@example.no', wants_sms: true };
const none = { contact_first_name: null, contact_last_name: null, contact_mobile: null, contact_email: null, contact_wants_sms: null };

test('an online booking uses what it typed, also where it left a field empty (issue 8.4)', () => {
  const row: ContactColumns = { ...record, contact_first_name: 'Mallory', contact_last_name: 'Attacker', contact_mobile: '+4798765432', contact_email: null, contact_wants_sms: false };
  assert.deepEqual(appointmentContacts(row), { firstName: 'Mallory', lastName: 'Attacker', mobile: '+4798765432', email: null, wantsSms: false });
});

test('a staff appointment or an older row uses the record', () => {
  assert.deepEqual(appointmentContacts({ ...record, ...none }), { firstName: 'Demo', lastName: 'Pasient', mobile: '+4791234567', email: 'demo.pasient@example.no', wantsSms: true });
});

test('an appointment without a patient has no contacts', () => {
  const row: ContactColumns = { ...none, first_name: null, last_name: null, mobile: null, email: null, wants_sms: null };
  assert.deepEqual(appointmentContacts(row), { firstName: '', lastName: '', mobile: null, email: null, wantsSms: false });
});
