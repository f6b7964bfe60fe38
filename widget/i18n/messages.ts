/** Every text the widget shows, per language. Functions take what they format. */
export interface Messages {
  loading: string;
  misconfigured: string;
  stepOf: (n: number, total: number, title: string) => string;
  steps: { clinic: string; treatment: string; provider: string; service: string; time: string; login: string; details: string; confirm: string; code: string; done: string };
  back: string;
  next: string;
  ungroupedClinics: string;
  anyClinicIn: (group: string) => string;
  anyClinicHint: string;
  anyProvider: string;
  anyProviderHint: string;
  minutes: (n: number) => string;
  noChoices: string;
  previousWeek: string;
  nextWeek: string;
  weekOf: (range: string) => string;
  noTimesThisWeek: string;
  noTimesThisDay: string;
  timesFor: (day: string) => string;
  timeKeysHint: string;
  freeTimes: (n: number) => string;
  fields: {
    firstName: string; lastName: string; nationalId: string; email: string; mobile: string;
    address1: string; address2: string; postalCode: string; city: string; campaignCode: string; message: string;
  };
  nationalIdHint: string;
  required: string;
  optional: string;
  errors: {
    required: string; nationalId: string; email: string; mobile: string; mobile00: string; invalid: string;
    summary: (n: number) => string;
  };
  continue: string;
  yourChoices: string;
  summary: { clinic: string; provider: string; treatment: string; time: string; patient: string };
  notChosen: string;
  confirmIntro: string;
  confirmBooking: string;
  /** On the confirm step (B16): what the patient can change online once booked. */
  changeWindow: { until: (when: string, what: 'both' | 'rebook' | 'cancel') => string; passed: (hours: number) => string; off: string };
  booking: string;
  bookedTitle: string;
  bookedText: string;
  manageLink: string;
  bookAnother: string;
  slotTaken: string;
  problem: { network: string; server: string; notFound: string; retry: string; rateLimited: string };
  manage: {
    title: string; statusLabel: string; status: { booked: string; cancelled: string }; rebook: string; cancel: string;
    cancelQuestion: string; cancelYes: string; cancelNo: string; cancelled: string; rebooked: string;
    deadline: (when: string) => string; tooLate: string; notOnline: string;
    rebookTitle: string; confirmRebook: string; keep: string;
    /** The labels of the old and the new time before a rebooking is confirmed. */
    currentTime: string; newTime: string;
  };
  openBooking: string;
  close: string;
  providerPhotoAlt: (name: string) => string;
}
