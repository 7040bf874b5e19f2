import { describe, expect, it } from 'vitest';
import { createI18n } from '../app/cards/i18n/format.ts';
import { loadEveryCatalog } from '../app/cards/i18n/messages.ts';
import { setupReportLines } from '../cli/commands/setup.ts';
import { HubSpotError } from '../hubspot/failures.ts';
import type { Message } from '../app/cards/contract/message.ts';
import { callFailureReason, hubspotDefinedReason, refusalReason, setupScopes } from './setup-reasons.ts';
import type { SetupReport } from './setup.ts';

loadEveryCatalog();

// Each kind of reason setup gives, as the CLI words it: in English and in another language, with
// no English left in the other language but HubSpot's own message, shown as HubSpot's words.

const empty: SetupReport = { group: 'unchanged', created: [], updated: [], unchanged: [], failed: [], lists: null };

function propertyLine(reason: Message, locale: string): string {
  return setupReportLines({ ...empty, failed: [{ name: 'cs_health_band', reason }] }, createI18n(locale, 'UTC')).at(-1) ?? '';
}

function listLine(reason: Message, locale: string): string {
  return setupReportLines({ ...empty, lists: [{ name: 'X', outcome: 'failed', reason }] }, createI18n(locale, 'UTC')).at(-1) ?? '';
}

const forbidden = new HubSpotError({ kind: 'forbidden', scopes: ['crm.lists.write'] });

describe('setup failure reasons', () => {
  it('a property HubSpot itself defines', () => {
    expect(hubspotDefinedReason()).toEqual({ code: 'cli.setup.reason.hubspotDefined', params: {} });
    expect(propertyLine(hubspotDefinedReason(), 'en')).toBe('Failed cs_health_band: HubSpot defines a property of that name; point the configuration at another property name');
    expect(propertyLine(hubspotDefinedReason(), 'ja')).toBe('cs_health_band の設定に失敗しました: HubSpot に同じ名前の標準プロパティがあります。設定で別のプロパティ名を指定してください');
  });

  it('a property HubSpot refused, with its own message as a parameter shown as its words', () => {
    const reason = refusalReason('Property name must be lowercase');
    expect(reason).toEqual({ code: 'cli.setup.reason.refused', params: { hubspotMessage: 'Property name must be lowercase' } });
    expect(propertyLine(reason, 'en')).toBe('Failed cs_health_band: HubSpot refused to create it. HubSpot’s own message: “Property name must be lowercase”');
    expect(propertyLine(reason, 'pl')).toBe('Nie udało się skonfigurować cs_health_band: HubSpot odmówił jej utworzenia. Komunikat HubSpot (w oryginale): „Property name must be lowercase”');
  });

  it('a property HubSpot did not create without saying why', () => {
    expect(refusalReason(null)).toEqual({ code: 'cli.setup.reason.notCreated', params: {} });
    expect(refusalReason('  ')).toEqual(refusalReason(null));
    expect(propertyLine(refusalReason(null), 'en')).toBe('Failed cs_health_band: HubSpot did not create it and gave no reason; run setup again');
    expect(propertyLine(refusalReason(null), 'zh-CN')).toBe('cs_health_band 设置失败：HubSpot 未创建该属性，也未说明原因；请再次运行 setup');
  });

  it('a write HubSpot refused for a missing scope names the scope setup needs', () => {
    const reason = callFailureReason(forbidden, setupScopes.lists);
    expect(reason).toEqual({ code: 'cli.setup.reason.missingScope', params: { scope: 'crm.lists.write' } });
    expect(listLine(reason, 'en')).toBe('List "X": failed (the app lacks the crm.lists.write scope; add it to the app and install it again)');
    expect(listLine(reason, 'th')).toBe('ลิสต์ “X”: ไม่สำเร็จ (แอปขาดขอบเขต crm.lists.write โปรดเพิ่มให้แอปแล้วติดตั้งใหม่)');
    expect(callFailureReason(new HubSpotError({ kind: 'forbidden' }), setupScopes.properties).params).toEqual({ scope: 'crm.schemas.companies.write' });
  });

  it('any other HubSpot failure is its own catalog message', () => {
    const reason = callFailureReason(new HubSpotError({ kind: 'rejected', status: 400, category: 'VALIDATION_ERROR' }), setupScopes.properties);
    expect(reason).toEqual({ code: 'hubspot.failure.rejected', params: { status: '400', category: 'VALIDATION_ERROR' } });
    expect(propertyLine(reason, 'en')).toBe('Failed cs_health_band: HubSpot rejected the request (HTTP 400, VALIDATION_ERROR)');
    expect(propertyLine(reason, 'ja')).toBe('cs_health_band の設定に失敗しました: HubSpot がリクエストを拒否しました（HTTP 400、VALIDATION_ERROR）');
  });

  it('a list HubSpot answered with another id or name: the error’s own catalog message, not its English category', () => {
    const error = new HubSpotError({ kind: 'unreadable', status: 200, detail: 'the renamed list came back with another id or name' }, 'the renamed list came back with another id or name', { code: 'cli.setup.reason.listNotAsSent', params: {} });
    const reason = callFailureReason(error, setupScopes.lists);
    expect(reason).toEqual({ code: 'cli.setup.reason.listNotAsSent', params: {} });
    expect(listLine(reason, 'en')).toBe('List "X": failed (HubSpot answered with a list other than the one setup changed (another id or name); run setup again to check it)');
    expect(listLine(reason, 'pl')).toBe('Lista „X”: błąd (HubSpot zwrócił inną listę niż ta, którą zmienił setup (inne ID lub nazwa); uruchom setup ponownie, aby to sprawdzić)');
  });

  it('an error that is not HubSpot’s answer is not a reason: it is thrown on', () => {
    const bug = new TypeError('x is undefined');
    expect(() => callFailureReason(bug, setupScopes.lists)).toThrow(bug);
  });
});
