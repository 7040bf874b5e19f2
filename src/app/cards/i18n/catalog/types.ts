import type { messages } from './en.ts';

/** A key of the message catalog: English (`en.ts`) is the reference every locale matches. */
export type MessageKey = keyof typeof messages;

/** One locale's messages, in ICU message syntax (`{count, plural, one {…} other {…}}`). */
export type Catalog = Readonly<Record<MessageKey, string>>;

/** The domain terms a locale uses: one word per concept, used the same way in every message. */
export type GlossaryTerm = 'health' | 'healthScore' | 'churn' | 'renewal' | 'promoter' | 'passive' | 'detractor' | 'handoff' | 'champion' | 'economicBuyer' | 'onboarding' | 'support' | 'customerSuccess';

export interface GlossaryEntry {
  /** The word every message uses for the concept. */
  readonly term: string;
  /** Words a translator might reach for that are wrong here (a test keeps them out of the catalog). */
  readonly avoid?: readonly string[];
  readonly note?: string;
}

export type Glossary = Readonly<Record<GlossaryTerm, GlossaryEntry>>;
