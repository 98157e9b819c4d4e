import type { TokenStore } from './token-store.js';

export interface OAuthReply {
  status: number;
  body: Record<string, unknown>;
  tokenId?: string;
}

const oauthError = (status: number, error: string, description: string): OAuthReply => ({
  status,
  body: { error, description, error_description: description },
});

/**
 * POST /oauth/token, client-credentials grant: Basic client id/secret and a form body. Errors use the login
 * service's OAuth shape, not the platform error body.
 */
export function oauthToken(
  method: string,
  authorization: string | undefined,
  form: string,
  client: { id: string; secret: string },
  tokens: TokenStore,
): OAuthReply {
  if (method !== 'POST') return oauthError(405, 'invalid_request', 'Use POST for /oauth/token');
  const basic = /^basic\s+(\S+)\s*$/i.exec(authorization ?? '');
  const decoded = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const id = colon < 0 ? undefined : decoded.slice(0, colon);
  if (id === undefined || id !== client.id) return oauthError(401, 'invalid_client', 'client not found');
  if (decoded.slice(colon + 1) !== client.secret) return oauthError(401, 'invalid_client', 'authentication failed');
  const grant = new URLSearchParams(form).get('grant_type');
  if (grant !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', `grant_type "${grant ?? ''}" is not supported; use client_credentials`);
  }
  const t = tokens.issue();
  return {
    status: 200,
    body: { access_token: t.accessToken, token_type: 'bearer', expires_in: t.expiresIn },
    tokenId: t.tokenId,
  };
}
