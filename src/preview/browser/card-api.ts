import { createI18n } from '../../app/cards/i18n/format.ts';
import type { CardApi, CardLocation } from './worker-globals.ts';
import type { PreviewPageConfig } from './page-config.ts';
import { closeOverlay } from './components/overlays.tsx';

export type AlertType = 'info' | 'warning' | 'success' | 'danger' | 'tip';

export interface Toast {
  readonly id: number;
  readonly type: AlertType;
  readonly title?: string;
  readonly message: string;
}

export interface HostHooks {
  readonly toast: (toast: Omit<Toast, 'id'>) => void;
  readonly reloadCard: () => void;
  readonly refreshCompany: () => void;
  readonly companyProperties: (names: readonly string[] | '*') => Promise<Record<string, string | null>>;
}

/** The `{ context, actions }` HubSpot hands the card's render callback, for one company. */
export function cardApi(config: PreviewPageConfig, location: CardLocation, companyId: string, locale: string, cardTitle: string, hooks: HostHooks): CardApi {
  const { user, portal } = config;
  const i18n = createI18n(locale, portal.timezone);
  const onlyStrings = (properties: Record<string, string | null>) =>
    Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, value ?? '']));
  return {
    context: {
      location,
      crm: { objectId: Number(companyId), objectTypeId: '0-2' },
      user: {
        ...user,
        emails: [user.email],
        roles: [],
        teams: [],
        locale,
        language: locale.split('-')[0],
        permissions: [],
      },
      portal,
      extension: { appId: config.appId, appName: config.appName, cardTitle },
    },
    actions: {
      addAlert: ({ type = 'info', title, message }) => hooks.toast({ type, title, message }),
      reloadPage: hooks.reloadCard,
      refreshObjectProperties: hooks.refreshCompany,
      fetchCrmObjectProperties: async (names) => onlyStrings(await hooks.companyProperties(names)),
      onCrmPropertiesUpdate: (names, callback) => {
        hooks.companyProperties(names).then(
          (properties) => callback(onlyStrings(properties)),
          (error: unknown) => callback({}, { message: error instanceof Error ? error.message : String(error) }),
        );
      },
      openIframeModal: ({ uri }) => {
        window.open(uri, '_blank', 'noopener');
      },
      closeOverlay,
      copyTextToClipboard: (text) => navigator.clipboard.writeText(text),
      navigateToPage: () => hooks.toast({ type: 'info', message: i18n.t('preview.navigateToPage') }),
    },
    runServerlessFunction: () => Promise.reject(new Error(i18n.t('preview.noServerless'))),
  };
}
