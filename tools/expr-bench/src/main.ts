// `npm run build && npm run bench:expr [-- --seconds 3]`
//
// Evaluations per second of a realistic mix of workflow expressions: publish
// blocks (whole-value and interpolated, YAQL and Jinja), transition
// conditions, and queries over a 1,000-element list in the context. Each
// kind runs for a fixed time; the figure is evaluations per second of wall
// time on this machine, after a warm-up (parsed expressions are cached, as
// in the engine).
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { evaluate, evaluateRecursively, prepareData, type ExpressionContext } from '@sirocco/expressions';

const orders = Array.from({ length: 1000 }, (_, i) => ({
  id: i,
  customer: `c${i % 37}`,
  total: (i * 7919) % 500,
  status: i % 5 === 0 ? 'cancelled' : 'open',
  tags: [`t${i % 3}`, `t${i % 7}`],
}));

const task = { id: 't-1', name: 'fetch', state: 'SUCCESS', result: { status: 200, content: { items: orders.slice(0, 20) } } };
const ctx: ExpressionContext = {
  data: { orders, threshold: 250, region: 'eu-west', retries: 2, user: { name: 'Ada', roles: ['admin', 'ops'] } },
  functions: {
    task: () => task,
    execution: () => ({ id: 'e-1', name: 'wf', input: {} }),
    env: () => ({ color: 'blue' }),
  },
};

// The same context converted once to the evaluator's internal values, as a
// caller that evaluates many expressions over one context can do.
const prepared: ExpressionContext = { ...ctx, data: prepareData(ctx.data) };

const publishBlock = {
  status: '<% task().result.status %>',
  first_id: '<% task().result.content.items[0].id %>',
  count: '<% len(task().result.content.items) %>',
  greeting: 'Hello <% $.user.name %> from <% $.region %>',
  jinja_total: '{{ _.threshold * 2 }}',
  label: '{{ _.user.name | upper }}-{{ _.retries }}',
};

const workloads: Record<string, () => unknown> = {
  'publish block (6 values)': () => evaluateRecursively(publishBlock, ctx),
  'condition (YAQL)': () => evaluate('<% task().result.status = 200 and $.retries < 3 %>', ctx),
  'condition (Jinja)': () => evaluate('{{ _.retries < 3 and _.region == "eu-west" }}', ctx),
  'query: where/select over 1,000': () =>
    evaluate("<% $.orders.where($.status = 'open' and $.total > 250).select($.id) %>", ctx),
  'query: groupBy/count over 1,000': () =>
    evaluate('<% $.orders.groupBy($.customer).select([$[0], len($[1])]).orderBy($[1]).take(5) %>', ctx),
  'query: sum/max over 1,000': () => evaluate('<% [$.orders.select($.total).sum(), $.orders.select($.total).max()] %>', ctx),
  'publish block, prepared context': () => evaluateRecursively(publishBlock, prepared),
  'query: where/select, prepared context': () =>
    evaluate("<% $.orders.where($.status = 'open' and $.total > 250).select($.id) %>", prepared),
  'jinja loop over 1,000': () =>
    evaluate('{% for o in _.orders %}{% if o.total > 490 %}{{ o.id }},{% endif %}{% endfor %}', ctx),
};

const main = (): void => {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '2' } } });
  const seconds = Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error('--seconds must be a positive number');
  console.log(`expression benchmark, node ${process.version}, ${seconds} s per workload`);
  for (const [name, run] of Object.entries(workloads)) {
    for (let i = 0; i < 50; i++) run(); // warm-up: parse caches, JIT
    let n = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    while (performance.now() < end) {
      run();
      n++;
    }
    const rate = n / ((performance.now() - start) / 1000);
    console.log(`${name.padEnd(34)} ${rate.toFixed(0).padStart(9)} evaluations/s  (${(1e6 / rate).toFixed(1)} µs each)`);
  }
};

main();
