import type { RuleExplainer } from './types';
import { code, escalation, ownerPhrase } from './words';

/** DSG003: the Docker API served or used over TCP without TLS. */
export const DSG003: RuleExplainer = {
  attack({ finding }) {
    const { facts } = finding;
    const where = facts.endpoint ? code(facts.endpoint) : "the daemon's TCP port";
    const client =
      facts.owner.kind === 'daemon'
        ? ''
        : ` The requests of ${ownerPhrase(facts.owner)} travel in clear text as well, so whoever ` +
          'sits on the path can read or rewrite them, registry credentials included.';
    return (
      `Anyone on the network who reaches ${where} can drive the daemon, not only the clients ` +
      'it was opened for: plain TCP asks for no certificate and no password. With the API ' +
      `they can ${escalation('docker')}.${client}`
    );
  },
  remedies: ['tls-port', 'context'],
};
