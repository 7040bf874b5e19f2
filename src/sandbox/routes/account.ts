// The portal's own settings and the token's grant, as HubSpot serves them:
//   GET  /account-info/v3/details                       time zone, home currency, portal id
//   POST /oauth/v2/private-apps/get/access-token-info   a private app token's scopes ({tokenKey})
//   GET  /oauth/v1/access-tokens/{token}                an OAuth token's metadata (scopes too)
// What they answer is set on the control panel (`controls.account`, `controls.scopes`,
// `controls.tokenScopes`), so tests and `cs-card sandbox --scopes` can stand in for a portal
// on another time zone or a token missing some scopes.
import { z } from 'zod';
import { json, notFound } from '../hubspot-errors.ts';
import { bodyOf, route, type ApiCall, type Route } from '../router.ts';

const tokenInfoBody = z.object({ tokenKey: z.string().min(1) });

export const accountRoutes: Route[] = [
  route('GET', '/account-info/v3/details', accountDetails),
  route('GET', '/account-info/2026-03/details', accountDetails),
  route('POST', '/oauth/v2/private-apps/get/access-token-info', privateAppTokenInfo),
  route('GET', '/oauth/v1/access-tokens/:token', oauthTokenInfo),
];

function accountDetails(call: ApiCall): Response {
  const account = call.controls.account;
  return json({
    portalId: account.portalId,
    accountType: 'STANDARD',
    timeZone: account.timeZone,
    companyCurrency: account.currency,
    additionalCurrencies: account.additionalCurrencies,
    utcOffset: utcOffset(account.timeZone, call.clock()),
    utcOffsetMilliseconds: utcOffsetMs(account.timeZone, call.clock()),
    uiDomain: 'app.hubspot.com',
    dataHostingLocation: 'na1',
  });
}

async function privateAppTokenInfo(call: ApiCall): Promise<Response> {
  const { tokenKey } = await bodyOf(call, tokenInfoBody);
  return json({ userId: 1, hubId: call.controls.account.portalId, appId: 4242, scopes: call.controls.scopesOf(tokenKey) });
}

function oauthTokenInfo(call: ApiCall): Response {
  const token = call.params.token ?? '';
  if (token === '') throw notFound('Token not found.');
  const scopes = call.controls.scopesOf(token);
  return json({
    token, user: 'csm@example.com', hub_domain: 'sandbox.example.com', hub_id: call.controls.account.portalId, app_id: 4242,
    user_id: 1, token_type: 'access', expires_in: 1800, is_private_distribution: true, scopes,
  });
}

function utcOffsetMs(timeZone: string, now: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    .formatToParts(now - (now % 1000));
  const value = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second')) - (now - (now % 1000));
}

function utcOffset(timeZone: string, now: number): string {
  const minutes = Math.round(utcOffsetMs(timeZone, now) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
