import { createHmac, timingSafeEqual } from 'node:crypto';

// HubSpot's request signature v3 (hubspot.fetch and webhooks): base64 HMAC-SHA256, keyed with
// the app's client secret, of method + URI + raw body + X-HubSpot-Request-Timestamp, where the
// URI is the full https URL HubSpot called with these percent-escapes decoded (HubSpot's
// "Validating requests" guide). Requests older than five minutes are rejected; so are requests
// stamped more than five minutes ahead, which no honest clock produces.

export const maxSignatureAgeMs = 5 * 60 * 1000;

const decodedEscapes: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/** The URI as HubSpot puts it in the signed string. */
export function signatureUri(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => decodedEscapes[escape.toUpperCase()] ?? escape);
}

export function signRequest(secret: string, method: string, uri: string, body: string, timestamp: string | number): string {
  return createHmac('sha256', secret)
    .update(`${method.toUpperCase()}${signatureUri(uri)}${body}${String(timestamp)}`, 'utf8')
    .digest('base64');
}

export interface SignedRequest {
  readonly method: string;
  /** Full URL as the caller addressed it (scheme, host, path and query). */
  readonly uri: string;
  readonly body: string;
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
}

export type SignatureVerdict = 'valid' | 'missing' | 'stale' | 'forged';

export function verifySignature(secret: string, request: SignedRequest, nowMs: number): SignatureVerdict {
  const { signature, timestamp } = request;
  if (!signature || !timestamp) return 'missing';
  const stampedAt = Number(timestamp);
  if (!/^\d{1,16}$/.test(timestamp) || Math.abs(nowMs - stampedAt) > maxSignatureAgeMs) return 'stale';
  const expected = Buffer.from(signRequest(secret, request.method, request.uri, request.body, timestamp));
  const given = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; a length mismatch reveals nothing about the secret.
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'valid' : 'forged';
}
