import { createI18n } from '../app/cards/i18n/format.ts';
import type { DoctorCheck } from '../domain/portal/doctor.ts';

// The doctor's checklist for a terminal, in the catalog's words: ✓ / ✗ per check, the fix
// under each ✗, and one closing line.

export function doctorLines(checks: readonly DoctorCheck[], locale = 'en', options: { failedOnly?: boolean } = {}): string[] {
  const i18n = createI18n(locale, 'UTC');
  const lines: string[] = [];
  for (const check of checks) {
    if (options.failedOnly && check.ok) continue;
    lines.push(`${check.ok ? '✓' : '✗'} ${i18n.message(check.text)}`);
    if (check.fix !== null) lines.push(`    ${i18n.t('doctor.fix', { fix: i18n.message(check.fix) })}`);
  }
  return lines;
}

export function doctorText(checks: readonly DoctorCheck[], portal: string, locale = 'en'): string {
  const i18n = createI18n(locale, 'UTC');
  const blocking = checks.filter((check) => !check.ok && check.blocking).length;
  return [
    i18n.t('doctor.title', { portal }),
    '',
    ...doctorLines(checks, locale),
    '',
    blocking > 0 ? i18n.t('doctor.summary.blocking', { count: blocking }) : i18n.t('doctor.summary.ok'),
  ].join('\n');
}
