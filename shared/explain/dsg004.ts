import type { RuleExplainer } from './types';
import { code } from './words';

/** DSG004: TLS without mutual verification. */
export const DSG004: RuleExplainer = {
  attack({ finding }) {
    const where = finding.facts.endpoint ? code(finding.facts.endpoint) : "the daemon's port";
    return (
      'TLS here encrypts the connection but does not check who is at the other end. When the ' +
      `daemon does not verify client certificates, anyone who reaches ${where} is served as if ` +
      "they held one, and can start a privileged container with the host's `/` mounted: root " +
      'on the host. When the client does not verify the daemon, whoever can redirect its ' +
      'traffic can pose as the daemon and collect what it is sent: images, build secrets, ' +
      'registry credentials.'
    );
  },
  remedies: ['tls-verify', 'context'],
};
