import { Alert, Flex, Text } from '@hubspot/ui-extensions';
import { healthAsOfNoteCode, type PortfolioPage as PageData } from '../../cards/contract/portfolio.ts';
import type { Message } from '../../cards/contract/message.ts';
import { useI18n } from '../../cards/i18n/I18nContext.tsx';

// The page as of a past day (GET /api/portfolio?asOf=): the backend's notes on what that day
// could and could not take back (domain/portfolio/book-as-of.ts), in the user's language, each
// beside the figures it concerns. Nothing as of today.

/** The page's as-of notes: `health` (the bands and renewals at risk read what sync last wrote), `deals` (the deals' figures: churn, KPIs). */
export function asOfNotesOf(page: PageData): { readonly health: readonly Message[]; readonly deals: readonly Message[] } {
  const notes = page.asOfNotes ?? [];
  return { health: notes.filter((note) => note.code === healthAsOfNoteCode), deals: notes.filter((note) => note.code !== healthAsOfNoteCode) };
}

export function AsOfNotes({ page, notes, testId }: { readonly page: PageData; readonly notes: readonly Message[]; readonly testId: string }) {
  const i18n = useI18n();
  if (notes.length === 0) return null;
  return (
    <Alert variant="warning" title={i18n.t('portfolio.asOf', { date: page.asOf })} testId={testId}>
      <Flex direction="column" gap="xs">
        {notes.map((note, i) => (
          <Text key={`${i}-${note.code}`} testId={`${testId}-${i}`}>{i18n.message(note)}</Text>
        ))}
      </Flex>
    </Alert>
  );
}
