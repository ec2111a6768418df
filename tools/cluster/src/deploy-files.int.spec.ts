// Checks deploy/ without a Docker engine or a cluster: the compose file and
// the Kubernetes manifests parse, reference only what exists, and give every
// app an environment its own config loader accepts (the same validation the
// app runs at start).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRuntimeConfig, type RoleNeeds } from '@sirocco/runtime';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './apps.js';

const DEPLOY = join(REPO_ROOT, 'deploy');
const APPS = ['api', 'engine', 'executor', 'projector'] as const;
const NEEDS: Record<(typeof APPS)[number], RoleNeeds> = {
  api: { defaultPort: 8989, nats: true, eventStore: true, readModels: true },
  engine: { defaultPort: 0, nats: true, eventStore: true, readModels: true },
  executor: { defaultPort: 0, nats: true },
  projector: { defaultPort: 0, eventStore: true, readModels: true },
};

type Obj = Record<string, any>;

const appOf = (command: readonly string[]): string | undefined =>
  /apps\/(\w+)\/dist\/main\.js/.exec(command.join(' '))?.[1];

describe('deploy/docker-compose.yml', () => {
  const compose = parse(readFileSync(join(DEPLOY, 'docker-compose.yml'), 'utf8'), { merge: true }) as Obj;
  const services = compose['services'] as Obj;

  it('has the infrastructure and every app, apps with replicas', () => {
    for (const name of ['nats', 'kurrentdb', 'postgres', ...APPS])
      expect(services, name).toHaveProperty(name);
    expect(services['nats'].command).toContain('-js');
    for (const app of ['engine', 'executor', 'projector'])
      expect(services[app].deploy.replicas, app).toBeGreaterThanOrEqual(2);
  });

  it('runs each app with an environment its config accepts, depending only on defined services', () => {
    for (const app of APPS) {
      const service = services[app] as Obj;
      expect(appOf(service['command'] as string[]), app).toBe(app);
      const config = loadRuntimeConfig(app, NEEDS[app], service['environment'] as Record<string, string>);
      expect(config.port).toBe(8080);
      for (const dep of Object.keys(service['depends_on'] as Obj))
        expect(services, `${app} -> ${dep}`).toHaveProperty(dep);
      for (const url of [config.natsUrl, config.eventStore?.url, config.readModelsUrl]) {
        if (url) expect(services, url).toHaveProperty(new URL(url).hostname);
      }
    }
    expect(services['api'].ports).toEqual(['127.0.0.1:8989:8080']);
  });
});

describe('deploy/kubernetes', () => {
  const dir = join(DEPLOY, 'kubernetes');
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Obj;
  const docs: Obj[] = (kustomization['resources'] as string[]).flatMap((file) =>
    parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => {
      expect(d.errors, file).toEqual([]);
      return d.toJS() as Obj;
    }),
  );
  const find = (kind: string, name: string) =>
    docs.find((d) => d['kind'] === kind && d['metadata'].name === name);

  it('lists every manifest file', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...(kustomization['resources'] as string[])].sort()).toEqual(files.sort());
    for (const d of docs)
      expect(
        d['apiVersion'] && d['kind'] && d['metadata']?.name,
        JSON.stringify(d).slice(0, 80),
      ).toBeTruthy();
  });

  it('has a Deployment per app whose env (ConfigMap + Secret + own) passes its config, with probes on its port', () => {
    const config = find('ConfigMap', 'sirocco-config')?.['data'] as Record<string, string>;
    const secret = find('Secret', 'sirocco-secrets')?.['stringData'] as Record<string, string>;
    expect(config && secret).toBeTruthy();
    for (const app of APPS) {
      const deployment = find('Deployment', `sirocco-${app}`);
      expect(deployment, app).toBeDefined();
      const spec = deployment!['spec'] as Obj;
      expect(spec['selector'].matchLabels, app).toEqual(
        expect.objectContaining({
          'app.kubernetes.io/name': spec['template'].metadata.labels['app.kubernetes.io/name'],
        }),
      );
      const container = spec['template'].spec.containers[0] as Obj;
      expect(appOf(container['command'] as string[]), app).toBe(app);
      const refs = (container['envFrom'] as Obj[]).map(
        (e) => e['configMapRef']?.name ?? e['secretRef']?.name,
      );
      expect(refs).toEqual(['sirocco-config', 'sirocco-secrets']);
      const own = Object.fromEntries(((container['env'] ?? []) as Obj[]).map((e) => [e['name'], e['value']]));
      const loaded = loadRuntimeConfig(app, NEEDS[app], { ...config, ...secret, ...own });
      const port = (container['ports'] as Obj[]).find((p) => p['name'] === 'http')?.['containerPort'];
      expect(port, app).toBe(loaded.port);
      expect(container['livenessProbe'].httpGet.path).toBe('/health');
      expect(container['readinessProbe'].httpGet.path).toBe('/ready');
      // Graceful stop (grace + 5 s) fits in the pod's termination period.
      expect(spec['template'].spec.terminationGracePeriodSeconds * 1000).toBeGreaterThanOrEqual(
        loaded.shutdownGraceMs + 5_000,
      );
    }
  });

  it('has services in front of NATS, KurrentDB and the API that select existing pods', () => {
    for (const name of ['nats', 'kurrentdb', 'sirocco-api']) {
      const service = find('Service', name);
      expect(service, name).toBeDefined();
      const selector = service!['spec'].selector as Record<string, string>;
      const target = docs.find(
        (d) =>
          ['Deployment', 'StatefulSet'].includes(d['kind']) &&
          Object.entries(selector).every(([k, v]) => d['spec'].template.metadata.labels[k] === v),
      );
      expect(target, `${name} selects nothing`).toBeDefined();
    }
    const configMap = find('ConfigMap', 'sirocco-config')!['data'] as Record<string, string>;
    expect(new URL(configMap['SIROCCO_NATS_URL']!).hostname.split('.')[0]).toBe('nats');
  });
});
