/** GitLab CI files and GitLab Runner config.toml. */
export { analyseGitlabCi } from './ci';
export { analyseRunnerConfig } from './runner';
