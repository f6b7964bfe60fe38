import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { BookingSettings } from '../../sdk/schemas/organization.ts';
import { DEFAULT_SETTINGS } from '../organizations/defaults.ts';
import { changeDeadline, decideChange, type ChangeableAppointment } from './change-rules.ts';

/**
 * B16: a patient may rebook or cancel online while the switches allow it
 * and until `cutoffHours` before the appointment. The deadline minute itself
 * is already too late: the manage view's "until 09:00" means up to 08:59.
 */

const ACTIONS = ['rebook', 'cancel'] as const;
type Action = (typeof ACTIONS)[number];

// Thursday 2026-12-03 09:00 Oslo, in epoch minutes.
const START = Date.parse('2026-12-03T08:00:00Z') / 60_000;
const settings = (overrides: Partial<BookingSettings> = {}): BookingSettings => ({ ...DEFAULT_SETTINGS.booking, cutoffHours: 24, ...overrides });
const booked = (overrides: Partial<ChangeableAppointment> = {}): ChangeableAppointment => ({ status: 'booked', startMinute: START, fromTemplate: true, ...overrides });
const decide = (action: Action, now: number, s = settings(), a = booked()) => decideChange(action, a, s, now);
const disabledCode = (action: Action) => (action === 'rebook' ? 'rebooking_disabled' : 'cancellation_disabled');

describe('changeDeadline', () => {
  test('is cutoffHours before the start, in minutes', () => {
    assert.equal(changeDeadline(START, settings({ cutoffHours: 24 })), START - 1440);
    assert.equal(changeDeadline(START, settings({ cutoffHours: 1 })), START - 60);
    assert.equal(changeDeadline(START, settings({ cutoffHours: 0 })), START);
  });
});

for (const action of ACTIONS) {
  describe(`decideChange('${action}')`, () => {
    const deadline = START - 24 * 60;

    test('the cutoff: allowed up to the minute before the deadline, refused from the deadline minute on', () => {
      assert.deepEqual(decide(action, deadline - 24 * 60), { allowed: true });
      assert.deepEqual(decide(action, deadline - 1), { allowed: true });
      assert.deepEqual(decide(action, deadline), { allowed: false, code: 'cutoff_passed' });
      assert.deepEqual(decide(action, deadline + 1), { allowed: false, code: 'cutoff_passed' });
      assert.deepEqual(decide(action, START), { allowed: false, code: 'cutoff_passed' });
      assert.deepEqual(decide(action, START + 60), { allowed: false, code: 'cutoff_passed' }, 'nor after the start');
    });

    test('a cutoff of 0 hours allows a change until the minute before the start', () => {
      const s = settings({ cutoffHours: 0 });
      assert.deepEqual(decide(action, START - 1, s), { allowed: true });
      assert.deepEqual(decide(action, START, s), { allowed: false, code: 'cutoff_passed' });
    });

    test('the switch for this action off refuses it at any time; the other action\'s switch does not matter', () => {
      const off = settings(action === 'rebook' ? { rebooking: false } : { cancellation: false });
      assert.deepEqual(decide(action, deadline - 1, off), { allowed: false, code: disabledCode(action) });
      assert.deepEqual(decide(action, deadline, off), { allowed: false, code: disabledCode(action) }, 'disabled is the reason, not the cutoff');
      const otherOff = settings(action === 'rebook' ? { cancellation: false, cancelWithoutTemplate: false } : { rebooking: false, rebookWithoutTemplate: false });
      assert.deepEqual(decide(action, deadline - 1, otherOff), { allowed: true });
    });

    test('an appointment not made from a booking template needs the without-template switch for this action', () => {
      const withoutTemplate = booked({ fromTemplate: false });
      const key = action === 'rebook' ? 'rebookWithoutTemplate' : 'cancelWithoutTemplate';
      const otherKey = action === 'rebook' ? 'cancelWithoutTemplate' : 'rebookWithoutTemplate';
      assert.deepEqual(decide(action, deadline - 1, settings({ [key]: false, [otherKey]: true }), withoutTemplate), { allowed: false, code: disabledCode(action) });
      assert.deepEqual(decide(action, deadline - 1, settings({ [key]: true, [otherKey]: false }), withoutTemplate), { allowed: true });
      assert.deepEqual(decide(action, deadline, settings({ [key]: true }), withoutTemplate), { allowed: false, code: 'cutoff_passed' }, 'and the cutoff still applies');
      assert.deepEqual(decide(action, deadline - 1, settings({ [key]: false }), booked({ fromTemplate: true })), { allowed: true }, 'template-made ones do not');
      const off = settings(action === 'rebook' ? { rebooking: false, rebookWithoutTemplate: true } : { cancellation: false, cancelWithoutTemplate: true });
      assert.deepEqual(decide(action, deadline - 1, off, withoutTemplate), { allowed: false, code: disabledCode(action) }, 'the without-template switch does not override the action\'s own');
    });

    test('a cancelled appointment is refused as already cancelled, whatever the time and switches', () => {
      const cancelled = booked({ status: 'cancelled' });
      assert.deepEqual(decide(action, deadline - 24 * 60, settings(), cancelled), { allowed: false, code: 'already_cancelled' });
      assert.deepEqual(decide(action, deadline, settings({ rebooking: false, cancellation: false }), booked({ status: 'cancelled', fromTemplate: false })), { allowed: false, code: 'already_cancelled' });
    });
  });
}

describe('decideChange, as a property', () => {
  const world = fc.record({
    action: fc.constantFrom(...ACTIONS),
    status: fc.constantFrom('booked' as const, 'cancelled' as const),
    fromTemplate: fc.boolean(),
    rebooking: fc.boolean(),
    cancellation: fc.boolean(),
    rebookWithoutTemplate: fc.boolean(),
    cancelWithoutTemplate: fc.boolean(),
    cutoffHours: fc.oneof(fc.constantFrom(0, 1, 24, 48), fc.integer({ min: 0, max: 24 * 30 })),
    startMinute: fc.integer({ min: START - 366 * 1440, max: START + 366 * 1440 }),
    // Minutes before the start: mostly near the cutoff, sometimes anywhere (including after the start).
    lead: fc.oneof(fc.integer({ min: -3, max: 3 }).map((d) => ({ nearCutoff: true as const, d })), fc.integer({ min: -2 * 1440, max: 40 * 1440 }).map((d) => ({ nearCutoff: false as const, d }))),
  });

  test('allowed exactly when the appointment is booked, the switches let this patient do this, and more than cutoffHours are left; refusals give the first reason', () => {
    fc.assert(fc.property(world, (w) => {
      const { action, cutoffHours } = w;
      const minutesLeft = w.lead.nearCutoff ? cutoffHours * 60 + w.lead.d : w.lead.d;
      const now = w.startMinute - minutesLeft;
      const s = settings({ rebooking: w.rebooking, cancellation: w.cancellation, rebookWithoutTemplate: w.rebookWithoutTemplate, cancelWithoutTemplate: w.cancelWithoutTemplate, cutoffHours });
      const actual = decideChange(action, { status: w.status, startMinute: w.startMinute, fromTemplate: w.fromTemplate }, s, now);

      const switchedOn = action === 'rebook' ? w.rebooking : w.cancellation;
      const withoutTemplateOn = action === 'rebook' ? w.rebookWithoutTemplate : w.cancelWithoutTemplate;
      const expected = w.status === 'cancelled' ? { allowed: false, code: 'already_cancelled' }
        : !switchedOn || (!w.fromTemplate && !withoutTemplateOn) ? { allowed: false, code: disabledCode(action) }
        : minutesLeft / 60 > cutoffHours ? { allowed: true }
        : { allowed: false, code: 'cutoff_passed' };
      assert.deepEqual(actual, expected);
    }), { numRuns: 2000 });
  });

  test('the deadline the manage view shows is the first minute refused for the cutoff, for both actions alike', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 24 * 30 }), fc.integer({ min: START - 366 * 1440, max: START + 366 * 1440 }), (cutoffHours, startMinute) => {
      const s = settings({ cutoffHours });
      const deadline = changeDeadline(startMinute, s);
      for (const action of ACTIONS) {
        assert.equal(decideChange(action, booked({ startMinute }), s, deadline - 1).allowed, true);
        assert.deepEqual(decideChange(action, booked({ startMinute }), s, deadline), { allowed: false, code: 'cutoff_passed' });
      }
    }));
  });
});
