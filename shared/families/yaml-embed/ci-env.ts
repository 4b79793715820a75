import { judgeClientEndpoint } from '../../detect/endpoint';
import { makeFinding } from '../../model/build';
import type { Finding, Owner, RelatedLocation, RuleId, Span } from '../../model/finding';
import {
  dindTlsOffMessage,
  ownerLabel,
  plaintextClientMessage,
  tlsUnverifiedMessage,
} from '../../model/messages';
import { interpolate } from '../../paths/normalise';

/**
 * The Docker client variables of CI files (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_TLS_CERTDIR),
 * judged once per place that sets them. A variable set at the top of a file or in a template is
 * judged for every job that runs with it (with that job's DOCKER_TLS_VERIFY) and reported once,
 * on its value where it is set, with the jobs that inherit it as related locations.
 */

/** One variable as set somewhere in a CI file. */
export interface Setting {
  name: string;
  value: string;
  /** the value as written (inside its quotes; the quotes or the key when it is empty) */
  span: Span;
  /** the job, service or runner where it is set; undefined at the top level of the file */
  setIn: Owner | undefined;
}

export type Settings = ReadonlyMap<string, Setting>;

/** A Docker-in-Docker daemon a consumer starts. */
export interface DindDaemon {
  image: string;
  span: Span;
  /** the variables the daemon's container gets, when not the consumer's own */
  env?: Settings;
}

/** A job, service or runner that runs with a set of variables. */
export interface Consumer {
  owner: Owner;
  /** where the consumer is named, for related locations */
  nameSpan: Span;
  /** the variables in effect, the innermost scope applied last */
  env: Settings;
  dind?: DindDaemon;
  image?: string;
}

export interface JudgeOptions {
  /** the owner named when a variable is set at the top level of the file */
  fileOwner: Owner;
  /** `$VAR` in values is expanded with the consumer's variables (GitLab does, GitHub does not) */
  expand: boolean;
}

interface Group {
  ruleId: RuleId;
  kind: 'plaintext' | 'tls-unverified' | 'tls-off';
  setting: Setting;
  consumers: Consumer[];
  tlsVerify?: Setting;
  dind?: DindDaemon;
}

export function judgeClientSettings(
  consumers: readonly Consumer[],
  options: JudgeOptions,
): Finding[] {
  const groups = new Map<string, Group>();
  const add = (group: Omit<Group, 'consumers'>, consumer: Consumer): void => {
    const key = `${group.ruleId}:${group.setting.span.start}:${group.setting.span.end}`;
    const found = groups.get(key) ?? { ...group, consumers: [] };
    found.consumers.push(consumer);
    groups.set(key, found);
  };

  for (const consumer of consumers) {
    judgeHost(consumer, options, add);
    judgeCertDir(consumer, add);
  }
  return [...groups.values()].map((group) => report(group, options));
}

type Adder = (group: Omit<Group, 'consumers'>, consumer: Consumer) => void;

/** `${{ ... }}` stays unresolved; a neutral word keeps the endpoint's shape for the judgement. */
function judgedValue(value: string, consumer: Consumer, expand: boolean): string {
  const neutral = value.replace(/\$\{\{[^}]*\}\}/g, 'expression');
  if (!expand) return neutral;
  const variables: Record<string, string> = {};
  for (const [name, setting] of consumer.env) variables[name] = setting.value;
  return interpolate(neutral, variables).value;
}

function judgeHost(consumer: Consumer, options: JudgeOptions, add: Adder): void {
  const host = consumer.env.get('DOCKER_HOST');
  if (!host) return;

  const tlsVerify = consumer.env.get('DOCKER_TLS_VERIFY');
  const value = judgedValue(host.value, consumer, options.expand);
  const verdict = judgeClientEndpoint(value, tlsVerify?.value);
  if (verdict === 'plaintext')
    add({ ruleId: 'DSG003', kind: 'plaintext', setting: host }, consumer);
  if (verdict === 'tls-unverified') {
    add({ ruleId: 'DSG004', kind: 'tls-unverified', setting: host, tlsVerify }, consumer);
  }
}

function judgeCertDir(consumer: Consumer, add: Adder): void {
  const dind = consumer.dind;
  if (!dind) return;

  const certDir = (dind.env ?? consumer.env).get('DOCKER_TLS_CERTDIR');
  if (certDir === undefined || certDir.value.trim() !== '') return;
  add({ ruleId: 'DSG003', kind: 'tls-off', setting: certDir, dind }, consumer);
}

function report(group: Group, options: JudgeOptions): Finding {
  const { setting } = group;
  const owner = setting.setIn ?? options.fileOwner;
  const endpoint = setting.value.trim();
  const message =
    group.kind === 'plaintext'
      ? plaintextClientMessage(owner, setting.name, endpoint)
      : group.kind === 'tls-unverified'
        ? tlsUnverifiedMessage(owner, endpoint)
        : dindTlsOffMessage(owner);

  const image = group.dind?.image ?? group.consumers.find((c) => c.image)?.image;
  const names = [...new Set(group.consumers.map((c) => c.owner.name))];
  return makeFinding(
    group.ruleId,
    setting.span,
    message,
    {
      exposure: group.kind === 'tls-unverified' ? 'tls-unverified' : 'plaintext-tcp',
      owner,
      ...(group.kind === 'tls-off' ? {} : { endpoint }),
      ...(image === undefined ? {} : { image }),
      detail: { variable: setting.name, consumers: names.join(', ') },
    },
    relatedOf(group, owner),
  );
}

function relatedOf(group: Group, owner: Owner): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  const seen = new Set([`${owner.kind}:${owner.name}`]);
  for (const consumer of group.consumers) {
    const key = `${consumer.owner.kind}:${consumer.owner.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const message = `${ownerLabel(consumer.owner)} runs with this ${group.setting.name}`;
    related.push({ span: consumer.nameSpan, message });
  }
  if (group.tlsVerify) {
    const message = `DOCKER_TLS_VERIFY "${group.tlsVerify.value}" turns verification off`;
    related.push({ span: group.tlsVerify.span, message });
  }
  if (group.dind) {
    related.push({
      span: group.dind.span,
      message: `Docker-in-Docker daemon ${group.dind.image}`,
    });
  }
  return related;
}
