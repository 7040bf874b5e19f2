import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxSignatureAgeMs, signatureUri, signRequest, verifySignature } from './signature.ts';

const secret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const now = Date.parse('2026-11-22T10:00:00Z');
const uri = 'https://cs-card.example.com/api/companies/9001/card?asOf=2026-11-22';

function request(overrides: Partial<Parameters<typeof verifySignature>[1]> = {}) {
  const timestamp = String(now - 1_000);
  return { method: 'GET', uri, body: '', timestamp, signature: signRequest(secret, 'GET', uri, '', timestamp), ...overrides };
}

describe('HubSpot signature v3', () => {
  it('is the base64 HMAC-SHA256 of method + uri + body + timestamp, as HubSpot documents it', () => {
    const expected = createHmac('sha256', secret).update(`POST${uri}{"a":1}1700000000000`).digest('base64');
    expect(signRequest(secret, 'POST', uri, '{"a":1}', 1700000000000)).toBe(expected);
  });

  it('decodes the escapes HubSpot decodes before signing, and only those', () => {
    expect(signatureUri('https://h.example/a%3Ab%2Fc%3Fd%40e%21f%24g%27h%28i%29j%2Ak%2Cl%3Bm')).toBe("https://h.example/a:b/c?d@e!f$g'h(i)j*k,l;m");
    expect(signatureUri('https://h.example/x?q=a%20b%26c%2a')).toBe('https://h.example/x?q=a%20b%26c*');
  });

  it('accepts a fresh, correctly signed request', () => {
    expect(verifySignature(secret, request(), now)).toBe('valid');
  });

  it('rejects missing headers, other secrets, other bodies, other URIs and stale or future stamps', () => {
    expect(verifySignature(secret, request({ signature: undefined }), now)).toBe('missing');
    expect(verifySignature(secret, request({ timestamp: undefined }), now)).toBe('missing');
    expect(verifySignature('other-secret', request(), now)).toBe('forged');
    expect(verifySignature(secret, request({ body: '{"asOf":"2026-01-01"}' }), now)).toBe('forged');
    expect(verifySignature(secret, request({ uri: uri.replace('9001', '9002') }), now)).toBe('forged');
    expect(verifySignature(secret, request(), now + maxSignatureAgeMs + 2_000)).toBe('stale');
    expect(verifySignature(secret, request(), now - maxSignatureAgeMs - 2_000)).toBe('stale');
    expect(verifySignature(secret, request({ timestamp: 'soon' }), now)).toBe('stale');
  });

  it('never accepts a signature made for anything else', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (body, tamper) => {
        const timestamp = String(now);
        const signature = signRequest(secret, 'POST', uri, body, timestamp);
        const forged = { method: 'POST', uri, body: body + tamper, timestamp, signature };
        expect(verifySignature(secret, forged, now)).toBe('forged');
      }),
    );
  });
});
