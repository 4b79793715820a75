import type { RuleExplainer } from './types';
import { apiName, code, escalation, ownerPhrase } from './words';

/** DSG001: an engine socket (or the Windows pipe, or an API-socket flag) given to a container. */
export const DSG001: RuleExplainer = {
  attack({ finding }) {
    const { facts } = finding;
    const through = facts.target
      ? `through ${code(facts.target)}`
      : 'through the socket it is handed';
    return (
      `Anyone who gets code execution in ${ownerPhrase(facts.owner)} (a vulnerable dependency, ` +
      `a compromised image, an injected build step) can send requests to ${apiName(finding)} ` +
      `${through} and ${escalation(facts.engine)}. The socket asks for no password: ` +
      "whoever can open it is the engine's administrator."
    );
  },
  remedies: ['remove-mount', 'proxy', 'context', 'tls-client-certs', 'sysbox'],
};
