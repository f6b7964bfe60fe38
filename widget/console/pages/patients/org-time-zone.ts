import { settingsMethods } from '../../../../sdk/admin/settings.ts';
import type { Call } from '../../api.ts';

const zones = new WeakMap<Call, Promise<string>>();

/**
 * The organization's time zone (journal entries, messages and pending changes
 * are shown in it), asked once per session; a failure is asked again next time.
 *
 * @example
 * const zone = await orgTimeZone(this.ctx.call); // 'Europe/Oslo'
 */
export function orgTimeZone(call: Call): Promise<string> {
  let zone = zones.get(call);
  if (!zone) {
    zone = settingsMethods(call).getOrganization().then((profile) => profile.timeZone);
    zones.set(call, zone);
    zone.catch(() => zones.delete(call));
  }
  return zone;
}
