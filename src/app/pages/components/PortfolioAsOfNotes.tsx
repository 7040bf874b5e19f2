import { Alert, Flex, Text } from '@hubspot/ui-extensions';
import { healthAsOfNoteCode, type PortfolioPage as PageData } from '../../cards/contract/portfolio.ts';
import type { Message } from '../../cards/contract/message.ts';
import { useI18n } from '../../cards/i18n/I18nContext.tsx';

// The page as of a past day (GET /api/portfolio?asOf=): the backend's notes on what that day
// could and could not take back (domain/portfolio/book-as-of.ts), in the user's language, each
// shown once and beside every figure it concerns. Nothing as of today.
//
// Which note qualifies which figure: the deals' notes (what was left out or counted open, which
// values are today's) every figure read from deals — the bands' ARR column, the ARR
// a renewal at risk without a synced renewal amount shows, the churned customers, the KPIs; the health note (what
// sync last wrote) the bands and the renewals at risk. The first figure both qualify is the bands
// table, so all of them stand once, in one box, right above it (AsOfNotes); the churned customers
// and the KPIs, further down, get one line pointing back to them (AsOfNotesAbove) instead of the
// same texts a second time.

/** The page's as-of notes in the order they are shown: the deals' notes, then the health note (healthAsOfNoteCode). */
export function asOfNotesOf(page: PageData): readonly Message[] {
  const notes = page.asOfNotes ?? [];
  return [...notes.filter((note) => note.code !== healthAsOfNoteCode), ...notes.filter((note) => note.code === healthAsOfNoteCode)];
}

/** Every as-of note, once, above the first figures they qualify (the bands table). */
export function AsOfNotes({ page, notes }: { readonly page: PageData; readonly notes: readonly Message[] }) {
  const i18n = useI18n();
  if (notes.length === 0) return null;
  return (
    <Alert variant="warning" title={i18n.t('portfolio.asOf', { date: page.asOf })} testId="as-of-notes">
      <Flex direction="column" gap="xs">
        {notes.map((note, i) => (
          <Text key={`${i}-${note.code}`} testId={`as-of-notes-${i}`}>{i18n.message(note)}</Text>
        ))}
      </Flex>
    </Alert>
  );
}

/** Beside deal figures further down the page: the notes above apply to them too (a pointer, not the notes again). */
export function AsOfNotesAbove({ page, notes }: { readonly page: PageData; readonly notes: readonly Message[] }) {
  const i18n = useI18n();
  if (!notes.some((note) => note.code !== healthAsOfNoteCode)) return null;
  return (
    <Text variant="microcopy" testId="as-of-notes-above">
      {i18n.t('portfolio.asOf.notesAbove', { date: page.asOf })}
    </Text>
  );
}
