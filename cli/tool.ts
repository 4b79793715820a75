import { version } from '../package.json';

/** What the reports say about the tool itself. */
export const TOOL = {
  name: 'docker-socket-guard',
  version,
  informationUri: 'https://github.com/docker-socket-guard/docker-socket-guard',
} as const;
