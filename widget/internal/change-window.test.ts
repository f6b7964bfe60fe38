import { assertEqual } from '../../test/browser/support/assert.ts';
import { changeWindowFor } from './change-window.ts';

describe('changeWindowFor (B16 cutoff, before booking)', () => {
  const on = { rebooking: true, cancellation: true, cutoffHours: 24 };
  const start = '2026-12-02T07:30:00.000Z'; // Wednesday 08:30 in Oslo

  it('until the cutoff before the start', () => {
    assertEqual(changeWindowFor(start, on, Date.parse('2026-11-30T12:00:00Z')), { kind: 'until', deadline: '2026-12-01T07:30:00.000Z', rebook: true, cancel: true });
  });
  it('already past inside the cutoff, as the server refuses from the deadline on', () => {
    assertEqual(changeWindowFor(start, on, Date.parse('2026-12-01T20:00:00Z')), { kind: 'passed', cutoffHours: 24 });
    assertEqual(changeWindowFor(start, on, Date.parse('2026-12-01T07:30:00Z')).kind, 'passed');
    assertEqual(changeWindowFor(start, on, Date.parse('2026-12-01T07:29:00Z')).kind, 'until');
  });
  it('says which changes the switches allow; none when both are off', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    assertEqual(changeWindowFor(start, { ...on, cancellation: false }, now), { kind: 'until', deadline: '2026-12-01T07:30:00.000Z', rebook: true, cancel: false });
    assertEqual(changeWindowFor(start, { ...on, rebooking: false, cancellation: false }, now), { kind: 'off' });
  });
  it('a cutoff of 0 hours leaves changes open until the start', () => {
    assertEqual(changeWindowFor(start, { ...on, cutoffHours: 0 }, Date.parse('2026-12-02T07:00:00Z')), { kind: 'until', deadline: start, rebook: true, cancel: true });
  });
});
