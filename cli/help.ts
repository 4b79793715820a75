import { TOOL } from './tool';

const SCAN = `Usage: ${TOOL.name} scan [options] [PATH...]

Scans files and folders (default: the current folder) for configuration that hands a container
the API of the Docker daemon or another container engine. Folders are walked with .gitignore
honoured; node_modules and .git are skipped.

Options:
  -f, --format FORMAT   text (default), json, sarif or github
  -o, --output FILE     write the report to FILE instead of standard output
      --fail-on LEVEL   exit 1 when a finding is at or above LEVEL:
                        error (default), warning, information, hint or none
  -x, --exclude GLOB    skip paths matching GLOB, relative to the scanned folder (repeatable)
  -c, --config FILE     settings file (default: .docker-socket-guard.json, or the
                        "dockerSocketGuard" key of package.json, in the current folder)
      --rule ID=LEVEL   set a rule's severity: off, error, warning, information or hint
                        (repeatable), e.g. --rule DSG004=off
      --explain         print why each finding matters (text format)
      --max-file-bytes N, --max-nesting N, --max-millis-per-file N
                        raise a per-file limit (defaults 5 MB, 500 levels, 2000 ms)
      --fix [KIND]      apply every fix of KIND to the files in place, then report what
                        is left: remove (default), tls, sysbox or proxy
      --fix-dry-run     print the fixes as a unified diff instead; change nothing
  -j, --threads N       threads that read and pre-filter files when a scan finds 500 or
                        more (default: one per processor, at most 4); 1: one thread
  -h, --help            show this help
`;

const INSPECT = `Usage: ${TOOL.name} inspect [options] [FILE|-]

Judges running containers from the JSON that "docker inspect" prints: engine sockets and the
folders that hold them mounted, privileged Docker-in-Docker, DOCKER_HOST on plaintext TCP and
port 2375 published. Reads FILE, or standard input for "-" or when it is not a terminal;
otherwise runs "docker ps -q" and "docker inspect" itself.

Options:
  -f, --format FORMAT   text (default), json, sarif or github
  -o, --output FILE     write the report to FILE instead of standard output
      --fail-on LEVEL   error (default), warning, information, hint or none
  -c, --config FILE     settings file (rules, extraSocketPaths, trustedImages ...)
      --rule ID=LEVEL   set a rule's severity (repeatable)
      --explain         print why each finding matters (text format)
  -h, --help            show this help
`;

const GENERAL = `Usage: ${TOOL.name} <command> [options]

Commands:
  scan [PATH...]        scan configuration files and folders
  inspect [FILE|-]      judge running containers (docker inspect JSON)

Options:
  -h, --help            show this help (${TOOL.name} scan --help for a command's)
  -V, --version         print the version

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error.
`;

export function helpText(topic: 'scan' | 'inspect' | undefined): string {
  if (topic === 'scan') return SCAN;
  if (topic === 'inspect') return INSPECT;
  return GENERAL;
}
