import type { RuleExplainer } from './types';
import { code, ownerPhrase } from './words';

/** DSG005: a Docker-in-Docker daemon in a privileged container. */
export const DSG005: RuleExplainer = {
  attack({ finding }) {
    const { facts } = finding;
    const image = facts.image ? ` (${code(facts.image)})` : '';
    return (
      `Privileged mode lifts the isolation of ${ownerPhrase(facts.owner)}${image}: it sees every ` +
      'host device (the disks under `/dev` included), holds every capability, can load kernel ' +
      "modules and can mount the host's disks. Anyone who gets code execution in it, or who " +
      'reaches its inner daemon (every job or service given it as `DOCKER_HOST`), can mount ' +
      'the host disk or load a module through it: root on the host by another route than the ' +
      'socket.'
    );
  },
  remedies: ['sysbox', 'tls-client-certs'],
};
