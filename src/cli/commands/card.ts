import { catalogText } from '../../app/cards/i18n/message-error.ts';
import { companyIdSchema, readCard } from '../../usecases/card-view.ts';
import { CompanyNotFoundError, HubSpotError } from '../../usecases/portal.ts';
import { asOfOption } from '../options.ts';
import { cardSummary } from '../card-summary.ts';
import { cliI18n } from '../locale.ts';
import { loadCliConfig } from '../configuration.ts';
import { CommandFailure, UsageError } from '../errors.ts';
import { configForPortal, openPortal, readEnvironment } from '../portal.ts';

interface CardOptions {
  readonly json?: boolean;
  readonly asOf?: string;
  readonly locale?: string;
}

export async function showCard(companyIdArg: string, options: CardOptions): Promise<void> {
  const companyId = companyIdSchema.safeParse(companyIdArg);
  if (!companyId.success) throw new UsageError(catalogText('cli.card.badId', { value: companyIdArg }));
  const asOf = asOfOption(options.asOf);
  const i18n = await cliI18n(options.locale);

  const env = readEnvironment();
  const config = await loadCliConfig();
  const portal = await openPortal(env, { rateLimit: null });
  if (portal.kind === 'sandbox') process.stderr.write(`cs-card: ${i18n.t('cli.card.sandboxNotice')}\n`);
  try {
    const { view, name } = await readCard({ gateway: portal.card, config: await configForPortal(portal, config), now: () => new Date() }, { companyId: companyId.data, ...(asOf === undefined ? {} : { asOf }) });
    process.stdout.write(options.json ? `${JSON.stringify(view, null, 2)}\n` : `${cardSummary(view, { name }, i18n)}\n`);
  } catch (error) {
    if (error instanceof CompanyNotFoundError || error instanceof HubSpotError) throw new CommandFailure(catalogText('cli.error.hubspot', { error: null }), { cause: error });
    throw error;
  } finally {
    await portal.close();
  }
}
