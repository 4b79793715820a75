import { strict as assert } from 'assert';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { analyse, type AnalysisInput } from '../../shared/analyse';
import { applyEdits, fixAll, fixesFor, type FixKind } from '../../shared/fix';
import { composeErrors, countKeys, keyOf, kubernetesErrors } from './fix.helpers';

/**
 * Property tests: Compose files and Kubernetes manifests generated with random surroundings
 * (other services and containers, comments in random places, indentation 2 or 4, list items
 * under their key or indented, plain or quoted scalars, LF or CRLF, with or without a final
 * newline) around socket mounts and Docker API settings. Every offered fix, and fixAll of each
 * kind, must keep the guarantees. Runs are bounded and seeded: the same cases every time.
 */

interface Style {
  step: number;
  indentLists: boolean;
  eol: string;
  finalNewline: boolean;
  quote: 'plain' | 'single' | 'double';
  comments: boolean[];
}

/** A tree to write: a mapping, a list, or a scalar already written as YAML. */
interface Tree {
  map?: Array<[string, Tree | string]>;
  seq?: Array<Tree | string>;
}

const styleArb: fc.Arbitrary<Style> = fc.record({
  step: fc.constantFrom(2, 4),
  indentLists: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n'),
  finalNewline: fc.boolean(),
  quote: fc.constantFrom('plain' as const, 'single' as const, 'double' as const),
  comments: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
});

function quoted(value: string, style: Style): string {
  if (style.quote === 'single') return `'${value}'`;
  if (style.quote === 'double') return JSON.stringify(value);
  return value;
}

/** Writes a tree as block YAML in the style, with comment lines where `style.comments` says. */
function emit(tree: Tree, style: Style): string {
  let counter = 0;
  const comment = (pad: string): string[] =>
    style.comments[counter++ % style.comments.length] ? [`${pad}# note ${counter}`] : [];
  const lines: string[] = [];

  const write = (node: Tree, indent: number, dash?: string): void => {
    const pad = ' '.repeat(indent);
    (node.map ?? []).forEach(([key, value], i) => {
      const lead = i === 0 && dash !== undefined ? dash : pad;
      if (lead === pad) lines.push(...comment(pad));
      if (typeof value === 'string') lines.push(`${lead}${key}: ${value}`);
      else {
        lines.push(`${lead}${key}:${i % 3 === 1 ? ' # about it' : ''}`);
        write(value, indent + (value.seq && !style.indentLists ? 0 : style.step));
      }
    });
    for (const item of node.seq ?? []) {
      lines.push(...comment(pad));
      if (typeof item === 'string') lines.push(`${pad}- ${item}`);
      else write(item, indent + 2, `${pad}- `);
    }
  };
  write(tree, 0);
  return lines.join(style.eol) + (style.finalNewline ? style.eol : '');
}

type Schema = (text: string) => string[];

function serious(input: AnalysisInput, text: string): Map<string, number> {
  const findings = analyse({ ...input, text }).findings;
  return countKeys(findings.filter((f) => f.severity === 'error' || f.severity === 'warning'));
}

/** What the checks compare a changed text with. */
interface Before {
  input: AnalysisInput;
  findings: Map<string, number>;
  schema: Set<string>;
}

function before(input: AnalysisInput, schema: Schema): Before {
  return {
    input,
    findings: countKeys(analyse(input).findings),
    schema: new Set(schema(input.text)),
  };
}

/** What a changed text broke: parse, schema, new findings, line ends, final newline. */
function broken(was: Before, after: string, schema: Schema): string[] {
  const { input } = was;
  const problems = parseAllDocuments(after).flatMap((d) => d.errors.map((e) => `yaml ${e.code}`));
  problems.push(...schema(after).filter((e) => !was.schema.has(e)));
  for (const [key, count] of serious(input, after)) {
    if (count > (was.findings.get(key) ?? 0)) problems.push(`new ${key}`);
  }
  if (input.text.includes('\r\n') && /(?<!\r)\n/.test(after)) problems.push('bare LF');
  if (/\n$/.test(after) !== /\n$/.test(input.text)) problems.push('final newline changed');
  return problems;
}

/** Checks every fix of every finding; adds the kinds it applied to `applied`. */
function checkEveryFix(input: AnalysisInput, schema: Schema, applied: Set<string>): void {
  const was = before(input, schema);
  for (const finding of analyse(input).findings) {
    for (const fix of fixesFor(input, finding)) {
      applied.add(fix.kind);
      const after = applyEdits(input.text, fix.edits);
      const left = countKeys(analyse({ ...input, text: after }).findings).get(keyOf(finding)) ?? 0;
      const problems = broken(was, after, schema);
      if (left >= (was.findings.get(keyOf(finding)) ?? 0)) problems.push('finding still there');
      assert.deepEqual(
        problems,
        [],
        `${fix.kind} for ${keyOf(finding)}\n${input.text}\n---\n${after}`,
      );
    }
  }
}

const ALL_KINDS: FixKind[] = ['remove', 'tls', 'sysbox', 'proxy'];

function checkFixAll(input: AnalysisInput, schema: Schema, kind: FixKind): void {
  const result = fixAll(input, kind);
  assert.equal(applyEdits(input.text, result.edits), result.text);
  const problems = broken(before(input, schema), result.text, schema);
  assert.deepEqual(problems, [], `${kind}\n${input.text}\n---\n${result.text}`);
  assert.equal(fixAll({ ...input, text: result.text }, kind).applied, 0, `${kind} twice`);
}

const SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/var/run'];

const serviceArb = fc.record({
  image: fc.constantFrom('alpine:3.20', 'registry.example.com/app:1', 'docker:27-dind'),
  socket: fc.option(
    fc.record({
      path: fc.constantFrom(...SOCKETS),
      long: fc.boolean(),
      ro: fc.boolean(),
      at: fc.nat(2),
    }),
  ),
  otherVolumes: fc.nat(2),
  env: fc.option(
    fc.record({
      list: fc.boolean(),
      host: fc.option(fc.constantFrom('tcp://docker:2375', 'tcp://docker:2376', 'tcp://docker')),
      verify: fc.option(fc.constantFrom('0', '1')),
      certDir: fc.boolean(),
    }),
  ),
  privileged: fc.boolean(),
  ports: fc.option(fc.constantFrom('2375:2375', '8080:80')),
});

type Service = typeof serviceArb extends fc.Arbitrary<infer T> ? T : never;

function environment(env: NonNullable<Service['env']>, style: Style): Tree {
  const vars: Array<[string, string]> = [];
  if (env.host) vars.push(['DOCKER_HOST', env.host]);
  if (env.verify) vars.push(['DOCKER_TLS_VERIFY', env.verify]);
  if (env.certDir) vars.push(['DOCKER_TLS_CERTDIR', '']);
  vars.push(['TZ', 'UTC']);
  if (env.list) return { seq: vars.map(([k, v]) => quoted(`${k}=${v}`, style)) };
  return { map: vars.map(([k, v]) => [k, /^\d*$/.test(v) ? `"${v}"` : quoted(v, style)]) };
}

function service(s: Service, style: Style): Tree {
  const map: Array<[string, Tree | string]> = [['image', s.image]];
  if (s.privileged) map.push(['privileged', 'true']);
  if (s.ports) map.push(['ports', { seq: [quoted(s.ports, style)] }]);
  if (s.env) map.push(['environment', environment(s.env, style)]);
  const volumes: Array<Tree | string> = [];
  for (let i = 0; i < s.otherVolumes; i++) volumes.push(quoted(`./data${i}:/data${i}`, style));
  if (s.socket) {
    const { path, long, ro, at } = s.socket;
    const readOnly: Array<[string, string]> = ro ? [['read_only', 'true']] : [];
    const item: Tree | string = long
      ? {
          map: [
            ['type', 'bind'],
            ['source', quoted(path, style)],
            ['target', '/var/run/docker.sock'],
            ...readOnly,
          ],
        }
      : quoted(`${path}:/var/run/docker.sock${ro ? ':ro' : ''}`, style);
    volumes.splice(Math.min(at, volumes.length), 0, item);
  }
  if (volumes.length > 0) map.push(['volumes', { seq: volumes }]);
  return { map };
}

const NAMES = ['app', 'docker', 'worker'];

const composeArb = fc
  .tuple(styleArb, fc.array(serviceArb, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([style, services, topVolumes]) => {
    const named: Array<[string, Tree]> = services.map((s, i) => [
      NAMES[i] ?? 'x',
      service(s, style),
    ]);
    const tree: Tree = { map: [['services', { map: named }]] };
    if (topVolumes) tree.map?.push(['volumes', { map: [['data', '{}']] }]);
    return { fileName: 'compose.yaml', text: emit(tree, style) };
  });

describe('fix: property tests on generated Compose files', () => {
  it('keeps the guarantees for every offered fix', () => {
    const applied = new Set<string>();
    const check = (input: AnalysisInput) => checkEveryFix(input, composeErrors, applied);
    fc.assert(fc.property(composeArb, check), { numRuns: 30, seed: 1675 });
    assert.deepEqual([...applied].sort(), ['proxy', 'remove', 'suppress', 'sysbox', 'tls']);
  });

  it('keeps them for fixAll of each kind', () => {
    const arb = fc.tuple(composeArb, fc.constantFrom(...ALL_KINDS));
    const check = ([input, kind]: [AnalysisInput, FixKind]) =>
      checkFixAll(input, composeErrors, kind);
    fc.assert(fc.property(arb, check), { numRuns: 20, seed: 4411 });
  });
});

const containerArb = fc.record({
  image: fc.constantFrom('busybox', 'docker:27-dind', 'docker:27-cli'),
  mountsSocket: fc.boolean(),
  otherMount: fc.boolean(),
  env: fc.option(fc.constantFrom('tcp://localhost:2375', 'tcp://docker:2376', 'certdir')),
  verifyOff: fc.boolean(),
  privileged: fc.boolean(),
  port: fc.boolean(),
});

type Container = typeof containerArb extends fc.Arbitrary<infer T> ? T : never;

function container(c: Container, index: number, style: Style): Tree {
  const map: Array<[string, Tree | string]> = [
    ['name', `c${index}`],
    ['image', c.image],
  ];
  const env: Tree[] = [];
  if (c.env === 'certdir')
    env.push({
      map: [
        ['name', 'DOCKER_TLS_CERTDIR'],
        ['value', '""'],
      ],
    });
  else if (c.env)
    env.push({
      map: [
        ['name', 'DOCKER_HOST'],
        ['value', quoted(c.env, style)],
      ],
    });
  if (c.env && c.verifyOff)
    env.push({
      map: [
        ['name', 'DOCKER_TLS_VERIFY'],
        ['value', '"0"'],
      ],
    });
  if (env.length > 0) map.push(['env', { seq: env }]);
  if (c.privileged) map.push(['securityContext', { map: [['privileged', 'true']] }]);
  if (c.port) map.push(['ports', { seq: [{ map: [['containerPort', '2375']] }] }]);
  const mounts: Tree[] = [];
  if (c.mountsSocket)
    mounts.push({
      map: [
        ['name', 'sock'],
        ['mountPath', '/var/run/docker.sock'],
      ],
    });
  if (c.otherMount)
    mounts.push({
      map: [
        ['name', 'work'],
        ['mountPath', '/work'],
      ],
    });
  if (mounts.length > 0) map.push(['volumeMounts', { seq: mounts }]);
  return { map };
}

function manifest(spec: Tree, deployment: boolean): Tree {
  const labels: Tree = { map: [['app', 'web']] };
  if (!deployment) {
    return {
      map: [
        ['apiVersion', 'v1'],
        ['kind', 'Pod'],
        ['metadata', { map: [['name', 'agent']] }],
        ['spec', spec],
      ],
    };
  }
  const template: Tree = {
    map: [
      ['metadata', { map: [['labels', labels]] }],
      ['spec', spec],
    ],
  };
  const body: Tree = {
    map: [
      ['selector', { map: [['matchLabels', labels]] }],
      ['template', template],
    ],
  };
  return {
    map: [
      ['apiVersion', 'apps/v1'],
      ['kind', 'Deployment'],
      ['metadata', { map: [['name', 'web']] }],
      ['spec', body],
    ],
  };
}

const manifestArb = fc
  .tuple(
    styleArb,
    fc.array(containerArb, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
    fc.constantFrom(...SOCKETS),
  )
  .map(([style, containers, deployment, socket]) => {
    const volumes: Tree = {
      seq: [
        {
          map: [
            ['name', 'sock'],
            ['hostPath', { map: [['path', quoted(socket, style)]] }],
          ],
        },
        {
          map: [
            ['name', 'work'],
            ['emptyDir', '{}'],
          ],
        },
      ],
    };
    const list: Tree = { seq: containers.map((c, i) => container(c, i, style)) };
    const spec: Tree = {
      map: [
        ['containers', list],
        ['volumes', volumes],
      ],
    };
    return { fileName: 'k8s/pod.yaml', text: emit(manifest(spec, deployment), style) };
  });

describe('fix: property tests on generated Kubernetes manifests', () => {
  it('keeps the guarantees for every offered fix', () => {
    const applied = new Set<string>();
    const check = (input: AnalysisInput) => checkEveryFix(input, kubernetesErrors, applied);
    fc.assert(fc.property(manifestArb, check), { numRuns: 30, seed: 2207 });
    assert.deepEqual([...applied].sort(), ['remove', 'suppress', 'sysbox', 'tls']);
  });

  it('keeps them for fixAll of each kind', () => {
    const arb = fc.tuple(manifestArb, fc.constantFrom(...ALL_KINDS));
    const check = ([input, kind]: [AnalysisInput, FixKind]) =>
      checkFixAll(input, kubernetesErrors, kind);
    fc.assert(fc.property(arb, check), { numRuns: 20, seed: 9013 });
  });
});
