// Small fetch helpers for the API's integration tests.
export type Json = Record<string, any>;

export interface Answer {
  readonly status: number;
  readonly json: Json | undefined;
  readonly text: string;
}

export function httpClient(baseUrl: string) {
  const call = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(baseUrl + path, { method, ...(body !== undefined ? { body } : {}), headers });
    const text = await res.text();
    let json: Json | undefined;
    try {
      json = text ? (JSON.parse(text) as Json) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text } satisfies Answer;
  };
  return {
    call,
    get: (path: string) => call('GET', path),
    delete: (path: string) => call('DELETE', path),
    yaml: (method: 'POST' | 'PUT', path: string, text: string) =>
      call(method, path, text, { 'Content-Type': 'text/plain' }),
    json: (method: 'POST' | 'PUT', path: string, body: unknown) =>
      call(method, path, typeof body === 'string' ? body : JSON.stringify(body), {
        'Content-Type': 'application/json',
      }),
  };
}
