import type { BookingView, RebookRequest } from '../sdk/schemas/booking.ts';
import type { SlotView } from '../sdk/schemas/slots.ts';
import { OpusCancelledEvent } from './events/opus-cancelled-event.ts';
import { OpusRebookedEvent } from './events/opus-rebooked-event.ts';
import type { Messages } from './i18n/messages.ts';
import { errorText, isSlotGone, reportError } from './flow-errors.ts';
import type { FlowHost } from './flow-host.ts';
import { WeekBrowser, type WeekView } from './week-browser.ts';

/**
 * The booking being managed and how to change it: the manage link's (by
 * token) by default; "my bookings" (issue 8) passes the session's.
 *
 * @example
 * new ManageFlow(host, { booking: () => mine, rebook: (r) => api.rebookMine(mine.id, r), cancel: () => api.cancelMine(mine.id), reload });
 */
export interface ManageTarget {
  booking(): BookingView | undefined;
  rebook(request: RebookRequest): Promise<BookingView>;
  cancel(): Promise<BookingView>;
  /** Reads the booking again after a refusal (the rules may have changed meanwhile). */
  reload(): Promise<unknown>;
}

/** Where the manage link's patient is: looking at the booking, choosing a new time, or confirming it. */
export type ManageMode = 'view' | 'rebook' | 'confirm-rebook';

/**
 * A booking from its manage link (B16): see it, move it, cancel it. Moving
 * keeps the treatment, the clinic and the provider — the patient chooses a
 * new time in the same time step as a new booking (same calendar, weekend
 * switch and clinic time zone). The switches and the cutoff are the
 * server's: its `canRebook`/`canCancel` decide which actions show, and a
 * refusal meanwhile (cutoff passed) is explained.
 */
export class ManageFlow {
  mode: ManageMode = 'view';
  slot: SlotView | undefined;
  confirmingCancel = false;
  /** Success after a change ("moved", "cancelled"). */
  notice: string | undefined;
  /** In the time step after a 409: the time was taken meanwhile. */
  timeNotice: string | undefined;
  busy = false;
  error: string | undefined;
  /** The week and day shown in the time step. */
  readonly weeks: WeekBrowser;

  private readonly target: ManageTarget;

  constructor(private readonly host: FlowHost, target?: ManageTarget) {
    this.weeks = new WeekBrowser(host);
    const { session } = host;
    const token = () => host.manage ?? '';
    const keep = (booking: BookingView) => (session.booking = booking);
    this.target = target ?? {
      booking: () => session.booking,
      rebook: (request) => host.client!.rebook(token(), request).then(keep),
      cancel: () => host.client!.cancel(token()).then(keep),
      reload: () => host.client!.booking(token()).then(keep),
    };
  }

  private get t(): Messages {
    return this.host.session.t!;
  }

  /** The booking shown. */
  get booking(): BookingView | undefined {
    return this.target.booking();
  }

  /** Opens on the booking once the session is ready. */
  begin(): void {
    Object.assign(this, { mode: 'view', slot: undefined, confirmingCancel: false, notice: undefined, timeNotice: undefined, error: undefined, busy: false });
    this.weeks.reset();
    this.show();
  }

  private show(): void {
    const rebooking = this.mode !== 'view';
    this.host.stepShown(rebooking ? 'rebook' : 'manage', 0, 0, rebooking ? this.t.manage.rebookTitle : this.t.manage.title);
  }

  // ------------------------------------------------------------- rebooking

  startRebook(): void {
    this.mode = 'rebook';
    this.notice = undefined;
    this.error = undefined;
    this.weeks.reset();
    this.show();
  }

  /** Back to the booking, unchanged. */
  endRebook(): void {
    this.mode = 'view';
    this.slot = undefined;
    this.timeNotice = undefined;
    this.show();
  }

  /** The time step of a rebooking: the same treatment, clinic and provider. */
  timeView(): WeekView {
    const booking = this.booking!;
    const treatment = booking.treatment;
    return this.weeks.view({
      timeZone: booking.timeZone,
      weekend: this.host.session.org!.settings.flexibility.weekendBooking,
      anchor: booking.start,
      query: (from, to) => (treatment ? { treatmentId: treatment.id, clinicId: booking.clinic.id, providerId: booking.provider.id, from, to } : undefined),
    });
  }

  selectSlot(slot: SlotView): void {
    this.slot = slot;
    this.mode = 'confirm-rebook';
    this.timeNotice = undefined;
    this.error = undefined;
    this.show();
  }

  /** From confirming back to the times. */
  backToTimes(): void {
    this.mode = 'rebook';
    this.show();
  }

  retrySlots(): void {
    const { query } = this.timeView();
    if (query) this.host.slots?.invalidate(query);
  }

  /** Before a render: skips empty weeks when the time step opens. */
  beforeRender(): void {
    if (this.mode === 'rebook' && this.booking) this.weeks.skipIfEmpty(this.timeView());
  }

  async confirmRebook(): Promise<void> {
    const slot = this.slot;
    if (this.busy || !this.host.client || !slot) return;
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const booking = await this.target.rebook({ start: slot.start, providerId: slot.providerId });
      this.host.slots?.invalidate();
      this.host.dispatchEvent(new OpusRebookedEvent(booking));
      this.endRebook();
      this.notice = this.t.manage.rebooked;
      this.host.announce(this.t.manage.rebooked);
    } catch (error) {
      reportError(this.host, error);
      if (isSlotGone(error)) {
        this.mode = 'rebook';
        this.slot = undefined;
        this.timeNotice = this.t.slotTaken;
        this.host.slots?.invalidate();
        this.show();
      } else {
        this.error = errorText(error, this.t);
        this.refresh();
      }
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  // ---------------------------------------------------------- cancellation

  askCancel(): void {
    this.confirmingCancel = true;
    this.notice = undefined;
    this.error = undefined;
    this.host.focusAfterRender('[part~="cancel-no"]');
    this.host.requestUpdate();
  }

  async answerCancel(yes: boolean): Promise<void> {
    if (!yes || !this.host.client) {
      this.confirmingCancel = false;
      this.host.focusAfterRender('[part~="cancel"]');
      return this.host.requestUpdate();
    }
    if (this.busy) return;
    this.busy = true;
    this.host.requestUpdate();
    try {
      const booking = await this.target.cancel();
      this.confirmingCancel = false;
      this.notice = this.t.manage.cancelled;
      this.host.announce(this.t.manage.cancelled);
      this.host.focusAfterRender('#step-heading');
      this.host.dispatchEvent(new OpusCancelledEvent(booking));
    } catch (error) {
      reportError(this.host, error);
      this.error = errorText(error, this.t);
      this.confirmingCancel = false;
      this.refresh();
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** After a refusal the rules may have changed meanwhile (cutoff passed): shows the booking as it is now. */
  private refresh(): void {
    this.target.reload().then(() => this.host.requestUpdate(), () => {});
  }
}
