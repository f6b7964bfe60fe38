import type { BookAppointment } from '../../../../sdk/schemas/book.ts';
import type { AdminClinic, AdminProvider, AdminTreatment } from '../../../../sdk/schemas/catalog-admin.ts';

/** What the book and its dialogs choose from: the catalog and the organization's zone (appointment times are in it). */
export interface BookCatalog {
  timeZone: string;
  clinics: AdminClinic[];
  providers: AdminProvider[];
  treatments: AdminTreatment[];
}

/** The book's dialogs (`console-book-<kind>-dialog`, in `book-dialogs.ts`). */
export type BookDialogKind = 'create' | 'move' | 'cancel' | 'reminder';

/** What a dialog did, given with its `book-dialog-closed` event (no detail: closed without a change). */
export type BookDialogResult =
  | { kind: 'create'; appointment: BookAppointment; warnings: string[] }
  | { kind: 'move' | 'cancel'; appointment: BookAppointment }
  | { kind: 'reminder'; skipped: boolean };

/** Where a new appointment starts from: the book's date and filters. */
export interface BookDefaults {
  date?: string | undefined;
  clinicId?: string | undefined;
  providerId?: string | undefined;
}
