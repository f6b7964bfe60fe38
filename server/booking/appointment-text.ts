/**
 * The appointment text as staff see it in the appointment book: the
 * treatment's standard text, then the patient's message (B9), then the
 * campaign code as `CC: <code>` (B10), one per line.
 *
 * @example
 * appointmentText({ treatment: 'Check-up', message: 'Sore tooth', campaignCode: 'WINTER' });
 * // 'Check-up\nSore tooth\nCC: WINTER'
 */
export function appointmentText(parts: { treatment: string | null; message?: string | undefined; campaignCode?: string | undefined }): string {
  return [parts.treatment, parts.message?.trim(), parts.campaignCode?.trim() ? `CC: ${parts.campaignCode.trim()}` : undefined]
    .filter((line): line is string => Boolean(line))
    .join('\n');
}
