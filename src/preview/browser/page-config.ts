import type { PortfolioCompany } from '../../domain/portfolio/company-picker.ts';
import type { CardLocation, RenderCallback } from './worker-globals.ts';

/** The header hubspot.fetch calls carry the page's session token in (the relay checks it). */
export const sessionTokenHeader = 'x-cs-card-preview-token';

/** What the preview server tells the page (embedded in the HTML as JSON). */
export interface PreviewPageConfig {
  readonly appId: number;
  readonly appName: string;
  readonly permittedUrls: readonly string[];
  readonly portal: { readonly id: number; readonly timezone: string };
  readonly user: { readonly id: number; readonly email: string; readonly firstName: string; readonly lastName: string };
  readonly locales: readonly string[];
  /**
   * Which portal the preview runs against, as data the page words in its language (the catalog's
   * cli.start.portal): 'sandbox' or the CRM API's base URL, and whether writes are off.
   */
  readonly portalWhere: { readonly portal: string; readonly readOnly: 'yes' | 'no' };
  /** Proves to the preview's relay that a call comes from this page (sent with every hubspot.fetch). */
  readonly sessionToken: string;
}

/** One card of src/app/cards (from its *-hsmeta.json), with its entry file bundled for lazy loading. */
export interface PreviewCardEntry {
  readonly uid: string;
  readonly name: string;
  readonly location: CardLocation;
  readonly load: () => Promise<unknown>;
}

export interface LoadedCard {
  readonly uid: string;
  readonly name: string;
  readonly location: CardLocation;
  readonly render: RenderCallback;
}

/** A company of the picker: the health sync last wrote and when, riskiest first (the server sorts). */
export type PickerCompany = Pick<PortfolioCompany, 'id' | 'name' | 'domain' | 'score' | 'band' | 'renewalDate' | 'synced' | 'healthWrittenAt'>;

export function readPageConfig(): PreviewPageConfig {
  const element = document.getElementById('preview-config');
  if (!element?.textContent) throw new Error('The preview page has no configuration: serve it with `npm start`.');
  return JSON.parse(element.textContent) as PreviewPageConfig;
}
