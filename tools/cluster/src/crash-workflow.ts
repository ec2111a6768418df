// The workflow of the crash test: fan-out, with-items, a retried action
// (delay 1 s: a durable timer), a short std.sleep, a join of four branches.
// Every std.http call goes to the test's counting server, one path per call
// site, so the test can tell how often each action really ran.
export const CRASH_WORKFLOW = (httpPort: number): string => {
  const url = (site: string) => `"http://127.0.0.1:${httpPort}/<% execution().id %>/${site}"`;
  return `version: '2.0'
crash_mix:
  input:
    - n
  tasks:
    first:
      action: std.http url=${url('first')}
      publish:
        a: <% $.n + 1 %>
      on-success: [left, right, items, flaky]
    left:
      action: std.http url=${url('left')}
      publish:
        l: <% $.a * 2 %>
      on-success: joined
    right:
      action: std.sleep seconds=1
      publish:
        r: <% $.a * 3 %>
      on-success: joined
    items:
      with-items: x in <% [1, 2, 3] %>
      concurrency: 2
      action: std.http url=${url('items-<% $.x %>')}
      publish:
        cnt: <% len(task().result) %>
      on-success: joined
    flaky:
      action: std.http url=${url('flaky')}
      retry:
        count: 3
        delay: 1
      on-success: joined
    joined:
      join: all
      action: std.http url=${url('joined')}
      publish:
        total: <% $.l + $.r %>
      on-success: last
    last:
      action: std.echo output=<% $.total %>
      publish:
        result: <% task().result %>
  output:
    result: <% $.result %>
    cnt: <% $.cnt %>
`;
};

/** Calls each site gets when nothing runs twice: flaky fails once, then succeeds. */
export const EXPECTED_CALLS: Readonly<Record<string, number>> = {
  first: 1,
  left: 1,
  'items-1': 1,
  'items-2': 1,
  'items-3': 1,
  flaky: 2,
  joined: 1,
};
