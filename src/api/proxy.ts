/**
 * Proxies: axios follows http_proxy / HTTPS_PROXY / NO_PROXY from the environment, as corporate laptops expect.
 * Loopback addresses are exempt whatever NO_PROXY says: a proxy cannot reach this machine's 127.0.0.1.
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
