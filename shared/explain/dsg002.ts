import type { RuleExplainer } from './types';
import { engineName } from '../model/messages';
import { code, escalation, ownerPhrase } from './words';

/** DSG002: a host directory that holds an engine socket, mounted into a container. */
export const DSG002: RuleExplainer = {
  attack({ finding }) {
    const { facts } = finding;
    const folder = code(facts.hostPath ?? facts.normalisedPath ?? 'the directory');
    const where = facts.target
      ? `the socket sits somewhere under ${code(facts.target)} inside the container`
      : 'the socket is reachable inside the container';
    const whole =
      facts.normalisedPath === '/'
        ? ' The whole host filesystem is mounted, so besides the socket every host secret is ' +
          "in reach, and a writable mount lets it edit the host's `/etc` directly."
        : '';
    return (
      `${folder} contains the ${engineName(facts.engine)} socket, so ${where}. ` +
      `Anyone who gets code execution in ${ownerPhrase(facts.owner)} can connect to it and ` +
      `${escalation(facts.engine)}.${whole}`
    );
  },
  remedies: ['narrow-mount', 'proxy', 'context', 'tls-client-certs', 'sysbox'],
};
