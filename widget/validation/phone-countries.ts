/**
 * The countries whose mobile numbers the widget judges itself, as the server
 * would: its bundle carries their phone metadata only (vite.config.ts). A
 * number with another country code is left to the server, which knows every
 * country. Where a calling code is shared (47: NO and SJ), list them all.
 */
export const WIDGET_PHONE_COUNTRIES: readonly string[] = ['NO', 'SJ', 'SE', 'DK', 'FI', 'AX', 'IS'];
