import { loadConfig } from '../config/load.ts';
import { ConfigError, type CsConfig } from '../config/schema.ts';
import { catalogText } from '../app/cards/i18n/message-error.ts';
import { UsageError } from './errors.ts';
import { loadCatalog } from './locale.ts';

/**
 * The configuration in effect; a bad file is a usage error (exit 2), as DESIGN.md asks. The
 * catalog of its portal language (what sync and setup write into HubSpot) is loaded with it.
 */
export async function loadCliConfig(env: NodeJS.ProcessEnv = process.env): Promise<CsConfig> {
  try {
    const config = await loadConfig(env);
    await loadCatalog(config.portalLanguage);
    return config;
  } catch (error) {
    // In the reader's language (the issues are the cause's messages); each issue names a field of the file as written.
    if (error instanceof ConfigError) throw new UsageError(catalogText('cli.error.config', { source: error.source, error: null }), { cause: error });
    throw error;
  }
}
