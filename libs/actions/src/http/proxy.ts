// requests' proxy selection: the most specific key of `proxies` wins
// ("http://host", "http", "all://host", "all").

export interface ProxyTarget {
  readonly url: URL;
  readonly authorization: string | undefined;
}

export function proxyFor(url: URL, proxies: Readonly<Record<string, string>>): ProxyTarget | undefined {
  const scheme = url.protocol.replace(/:$/, '');
  const keys = [`${scheme}://${url.hostname}`, scheme, `all://${url.hostname}`, 'all'];
  const chosen = keys.map((k) => proxies[k]).find((v) => v !== undefined && v !== '');
  if (chosen === undefined) return undefined;
  const proxyUrl = new URL(chosen.includes('://') ? chosen : `http://${chosen}`);
  const authorization = proxyUrl.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(proxyUrl.username)}:${decodeURIComponent(proxyUrl.password)}`, 'latin1').toString('base64')}`
    : undefined;
  return { url: proxyUrl, authorization };
}
