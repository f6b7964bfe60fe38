/**
 * Books the first free check-up at the demo organization through the SDK,
 * then shows and cancels it. Run `npm start` first, then:
 *   node --import tsx examples/sdk-script.ts [baseUrl]
 * The base URL defaults to the server `npm start` runs with the same PORT.
 * The demo asks for an SMS code before a booking (issue 8): the script holds
 * the time, asks for the code, and reads it from you; `npm start` prints the
 * SMS with the code (the demo's console sink).
 */
import { createInterface } from 'node:readline/promises';
import { createClient, OpusApiError } from '../sdk/index.ts';

const client = createClient({ baseUrl: process.argv[2] ?? `http://localhost:${process.env.PORT ?? 3000}`, organization: 'demo' });

try {
  const org = await client.getOrganization();
  console.log(`${org.name} (${org.timeZone})`);
  const { groups } = await client.listClinics();
  const clinic = groups[0]!.clinics[0]!;
  const { treatments } = await client.listTreatments({ clinicId: clinic.id });
  const treatment = treatments[0]!;
  // From the day after tomorrow: the demo lets patients cancel until 24 hours before.
  const first = new Date(Date.now() + 2 * 86_400_000);
  const last = new Date(first.getTime() + 14 * 86_400_000);
  const { slots } = await client.searchSlots({
    treatmentId: treatment.id,
    clinicId: clinic.id,
    from: first.toISOString().slice(0, 10),
    to: last.toISOString().slice(0, 10),
  });
  const slot = slots[0];
  if (!slot) throw new Error('No free times in the next two weeks');
  console.log(`${slots.length} free times for ${treatment.name} at ${clinic.name}; booking ${slot.start}`);
  const time = { treatmentId: treatment.id, clinicId: clinic.id, providerId: slot.providerId, start: slot.start };
  const mobile = '+4791234567';
  // Held for 5 minutes while the code is typed; nobody else can book it meanwhile.
  const { holdId } = await client.holdSlot(time);
  const challenge = await client.requestCode({ purpose: 'booking', mobile, holdId });
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  const code = await terminal.question(`Code sent to ${challenge.sentTo} (npm start prints it): `);
  terminal.close();
  const { booking, manageToken, manageUrl } = await client.createBooking(
    {
      ...time,
      holdId,
      verification: { id: challenge.verificationId, code },
      patient: { firstName: 'Nora', lastName: 'Nilsen', nationalId: '13097248022', email: 'nora@example.no', mobile },
      message: 'Booked from the SDK example',
    },
    { idempotencyKey: crypto.randomUUID() },
  );
  console.log(`Booked with ${booking.provider.name}, ${booking.start}. Manage: ${manageUrl}`);
  const cancelled = await client.cancel(manageToken);
  console.log(`Cancelled again: ${cancelled.status}`);
} catch (error) {
  if (error instanceof OpusApiError) {
    console.error(`API error ${error.status} ${error.code}: ${error.message}`, error.issues);
    process.exitCode = 1;
  } else throw error;
}
