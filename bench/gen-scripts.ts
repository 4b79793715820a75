import type { Rng } from './random';

/** Dockerfiles and shell scripts of a given length, with `# note:` comments to edit. */

const PACKAGES = ['curl', 'git', 'jq', 'make', 'openssh-client', 'unzip', 'tzdata', 'gnupg'];

export function dockerfile(rng: Rng, lines: number): string {
  const out = ['# note: generated Dockerfile for the benchmarks', 'ARG BASE=debian:bookworm-slim'];
  for (let i = 0; out.length < lines - 20; i++) out.push(...stage(rng, i));
  return out.join('\n') + '\n';
}

function stage(rng: Rng, i: number): string[] {
  const packages = Array.from({ length: 4 }, () => `      ${rng.pick(PACKAGES)} \\`);
  return [
    '',
    `# note: ${rng.words(5)}`,
    `FROM \${BASE} AS stage${i}`,
    `LABEL org.example.note="${rng.words(4)}"`,
    `ENV APP_HOME=/opt/app${i} LOG_LEVEL=info`,
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends \\',
    ...packages,
    '    && rm -rf /var/lib/apt/lists/*',
    `WORKDIR /opt/app${i}`,
    `COPY --chown=app:app src/ /opt/app${i}/`,
    ...(i % 10 === 4
      ? ['RUN docker run --rm -v /var/run/docker.sock:/var/run/docker.sock alpine:3.20 true']
      : [`RUN ./build.sh --target stage${i} && echo "${rng.words(3)}"`]),
    `# note: ${rng.words(4)}`,
    'EXPOSE 8080',
    'USER app',
    `CMD ["/opt/app${i}/run", "--port", "8080"]`,
  ];
}

export function shellScript(rng: Rng, lines: number): string {
  const out = [
    '#!/usr/bin/env bash',
    '# note: generated script for the benchmarks',
    'set -euo pipefail',
  ];
  for (let i = 0; out.length < lines - 20; i++) out.push(...shellFunction(rng, i));
  out.push('', 'main "$@"');
  return out.join('\n') + '\n';
}

function shellFunction(rng: Rng, i: number): string[] {
  return [
    '',
    `# note: ${rng.words(5)}`,
    `step_${i}() {`,
    `  local name="job-${i}"`,
    `  echo "starting $name: ${rng.words(3)}"`,
    '  if [ -n "${DEBUG:-}" ]; then',
    '    set -x',
    '  fi',
    `  docker build -t "registry.example.com/team/$name:${rng.int(9)}" .`,
    ...(i % 12 === 5
      ? ['  docker run --rm -v /var/run/docker.sock:/var/run/docker.sock "$name" check']
      : [`  docker run --rm -e LOG_LEVEL=info "registry.example.com/team/$name" test`]),
    `  for f in build/${i}/*.tar; do`,
    '    [ -e "$f" ] || continue',
    '    gzip -9 "$f"',
    '  done',
    `  # note: ${rng.words(4)}`,
    '}',
  ];
}
