import type { Rng } from './random';

/**
 * Compose files and Kubernetes streams of a given length. Each unit carries `# note:` comments
 * and `note` values (the text the editor benchmark edits) and, now and then, a finding.
 */

const IMAGES = ['nginx:1.27', 'postgres:16', 'redis:7.4', 'node:22-slim', 'python:3.13-slim'];

/** A Compose file of about `lines` lines: services, a few with the Docker socket. */
export function composeFile(rng: Rng, lines: number): string {
  const out = ['# note: generated compose file for the benchmarks', 'name: bench', '', 'services:'];
  for (let i = 0; out.length < lines - 24; i++) out.push(...composeService(rng, i));
  out.push('', 'volumes:', '  logs: {}');
  return out.join('\n') + '\n';
}

function composeService(rng: Rng, i: number): string[] {
  const name = `svc-${i}`;
  const lines = [
    `  # note: ${rng.words(5)}`,
    `  ${name}:`,
    `    image: registry.example.com/team/${name}:${rng.int(9)}.${rng.int(20)}.${rng.int(9)}`,
    '    restart: unless-stopped',
    '    environment:',
    `      LOG_LEVEL: "${rng.pick(['debug', 'info', 'warn'])}"`,
    `      NOTE: "${rng.words(4)}"`,
    `      DATABASE_URL: postgres://db:5432/${name}`,
    '    ports:',
    `      - "${8000 + (i % 1000)}:8080"`,
    '    volumes:',
    `      - ./data/${name}:/var/lib/app`,
    '      - logs:/var/log/app',
    ...(i % 20 === 7 ? ['      - /var/run/docker.sock:/var/run/docker.sock'] : []),
    '    labels:',
    `      com.example.note: "${rng.words(3)}"`,
    '    healthcheck:',
    '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]',
    '      interval: 30s',
    '    depends_on:',
    `      - ${rng.pick(['db', 'cache', 'queue'])}`,
  ];
  return lines;
}

/** A Kubernetes stream of about `lines` lines: workloads, services and config maps. */
export function manifestStream(rng: Rng, lines: number): string {
  const out = ['# note: generated manifests for the benchmarks'];
  for (let i = 0; out.length < lines - 30; i++) {
    const doc = i % 5 === 3 ? service(rng, i) : i % 9 === 4 ? configMap(rng, i) : workload(rng, i);
    out.push('---', ...doc);
  }
  return out.join('\n') + '\n';
}

function workload(rng: Rng, i: number): string[] {
  const name = `app-${i}`;
  return [
    `# note: ${rng.words(5)}`,
    'apiVersion: apps/v1',
    `kind: ${i % 7 === 2 ? 'DaemonSet' : 'Deployment'}`,
    'metadata:',
    `  name: ${name}`,
    `  namespace: team-${i % 12}`,
    '  annotations:',
    `    example.com/note: "${rng.words(4)}"`,
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    ...container(rng, i, name),
    '      volumes:',
    '        - name: config',
    '          configMap:',
    `            name: ${name}-config`,
    ...hostPathVolume(i),
  ];
}

function container(rng: Rng, i: number, name: string): string[] {
  return [
    `        - name: ${name}`,
    `          image: ${rng.pick(IMAGES)}`,
    '          args: ["--port", "8080"]',
    '          env:',
    '            - name: LOG_LEVEL',
    `              value: "${rng.pick(['debug', 'info', 'warn'])}"`,
    '            - name: NOTE',
    `              value: "${rng.words(3)}"`,
    '          ports:',
    '            - containerPort: 8080',
    '          resources:',
    '            limits:',
    '              memory: 256Mi',
    '              cpu: 500m',
    '          volumeMounts:',
    '            - name: config',
    '              mountPath: /etc/app',
    ...hostPathMount(i),
    `          # note: ${rng.words(4)}`,
  ];
}

/** hostPath volumes scattered through the stream: most harmless, some an engine socket. */
const HOST_PATHS = ['/var/log', '/var/run/docker.sock', '/etc/ssl/certs', '/run/containerd'];

function hostPathMount(i: number): string[] {
  if (i % 6 !== 1) return [];
  return ['            - name: host', `              mountPath: /host${i}`];
}

function hostPathVolume(i: number): string[] {
  if (i % 6 !== 1) return [];
  const path = HOST_PATHS[Math.floor(i / 6) % HOST_PATHS.length] ?? '/var/log';
  return ['        - name: host', '          hostPath:', `            path: ${path}`];
}

function service(rng: Rng, i: number): string[] {
  return [
    `# note: ${rng.words(5)}`,
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: app-${i}`,
    'spec:',
    '  selector:',
    `    app: app-${i - 1}`,
    '  ports:',
    '    - port: 80',
    '      targetPort: 8080',
  ];
}

function configMap(rng: Rng, i: number): string[] {
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    `  name: app-${i}-config`,
    'data:',
    `  note: "${rng.words(6)}"`,
    '  settings.yaml: |',
    '    listen: 0.0.0.0:8080',
    `    # note: ${rng.words(4)}`,
  ];
}
