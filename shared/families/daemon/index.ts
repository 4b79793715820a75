/** Docker daemon configuration: daemon.json, systemd units and drop-ins, defaults files. */
export { analyseDaemonJson } from './json';
export { analyseSystemd } from './systemd';
export { analyseDockerDefaults } from './defaults';
