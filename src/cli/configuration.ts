import { loadConfig } from '../config/load.ts';
import { ConfigError, type CsConfig } from '../config/schema.ts';
import { UsageError } from './errors.ts';

/** The configuration in effect; a bad file is a usage error (exit 2), as DESIGN.md asks. */
export async function loadCliConfig(env: NodeJS.ProcessEnv = process.env): Promise<CsConfig> {
  try {
    return await loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}
