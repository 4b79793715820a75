import { strict as assert } from 'assert';
import { fixed, lines, offered } from './fix.helpers';

/** Exact results of each Compose fix: the text after it, byte for byte. */

const AGENT = lines(
  'services:',
  '  agent:',
  '    image: portainer/agent:2.21',
  '    volumes:',
  "      # the host's engine",
  '      - /var/run/docker.sock:/var/run/docker.sock',
  '      - agent-data:/data',
);

describe('fix: Compose', () => {
  it('offers remove (preferred), TLS, proxy and suppress for a socket mount', () => {
    assert.deepEqual(offered('compose.yaml', AGENT, '/var/run/docker.sock:'), [
      'remove*',
      'tls',
      'proxy',
      'suppress',
    ]);
  });

  it('removes a short-syntax mount with the comment that belongs to it', () => {
    assert.equal(
      fixed('compose.yaml', AGENT, '/var/run/docker.sock:', 'remove'),
      lines(
        'services:',
        '  agent:',
        '    image: portainer/agent:2.21',
        '    volumes:',
        '      - agent-data:/data',
      ),
    );
  });

  it('removes a long-syntax mount and the volumes key it leaves empty', () => {
    const text = lines(
      'services:',
      '  agent:',
      '    image: portainer/agent:2.21',
      '    volumes:',
      '      - type: bind',
      '        source: /var/run/docker.sock',
      '        target: /var/run/docker.sock',
      '    restart: always',
    );
    assert.equal(
      fixed('compose.yaml', text, '/var/run/docker.sock', 'remove'),
      lines('services:', '  agent:', '    image: portainer/agent:2.21', '    restart: always'),
    );
  });

  it('replaces the socket with client certificates and a TLS DOCKER_HOST', () => {
    assert.equal(
      fixed('compose.yaml', AGENT, '/var/run/docker.sock:', 'tls'),
      lines(
        'services:',
        '  agent:',
        '    image: portainer/agent:2.21',
        '    volumes:',
        "      # the host's engine",
        '      - ./docker-certs:/certs/client:ro',
        '      - agent-data:/data',
        '    environment:',
        '      DOCKER_HOST: tcp://<daemon-host>:2376',
        '      DOCKER_TLS_VERIFY: "1"',
        '      DOCKER_CERT_PATH: /certs/client',
      ),
    );
  });

  it('moves DOCKER_HOST to 2376 in list form, with verification and certificates', () => {
    const text = lines(
      'services:',
      '  runner:',
      '    image: ci/runner:3',
      '    environment:',
      '      - DOCKER_HOST=tcp://build-host:2375',
      '      - TZ=UTC',
    );
    assert.equal(
      fixed('compose.yaml', text, 'tcp://build-host:2375', 'tls'),
      lines(
        'services:',
        '  runner:',
        '    image: ci/runner:3',
        '    environment:',
        '      - DOCKER_HOST=tcp://build-host:2376',
        '      - TZ=UTC',
        '      - DOCKER_TLS_VERIFY=1',
        '      - DOCKER_CERT_PATH=/certs/client',
        '    volumes:',
        '      - ./docker-certs:/certs/client:ro',
      ),
    );
  });

  const DIND = lines(
    'services:',
    '  docker:',
    '    image: docker:27-dind',
    '    privileged: true',
    '    environment:',
    '      DOCKER_TLS_CERTDIR: ""',
    '  runner:',
    '    image: ci/runner:3',
    '    environment:',
    '      DOCKER_HOST: tcp://docker:2375',
  );

  it('turns Docker-in-Docker TLS on and shares the client certificates', () => {
    assert.equal(
      fixed('compose.yaml', DIND, 'DOCKER_TLS_CERTDIR: ""', 'tls'),
      lines(
        'services:',
        '  docker:',
        '    image: docker:27-dind',
        '    privileged: true',
        '    environment:',
        '      DOCKER_TLS_CERTDIR: "/certs"',
        '    volumes:',
        '      - docker-certs-client:/certs/client',
        '  runner:',
        '    image: ci/runner:3',
        '    environment:',
        '      DOCKER_HOST: tcp://docker:2375',
        '    volumes:',
        '      - docker-certs-client:/certs/client:ro',
        'volumes:',
        '  docker-certs-client: {}',
      ),
    );
  });

  it('runs Docker-in-Docker under Sysbox instead of privileged', () => {
    assert.equal(
      fixed('compose.yaml', DIND, 'true', 'sysbox'),
      lines(
        'services:',
        '  docker:',
        '    image: docker:27-dind',
        '    environment:',
        '      DOCKER_TLS_CERTDIR: ""',
        '    runtime: sysbox-runc',
        '  runner:',
        '    image: ci/runner:3',
        '    environment:',
        '      DOCKER_HOST: tcp://docker:2375',
      ),
    );
  });

  it('routes through a socket proxy on an internal network, in the file layout', () => {
    const text = lines(
      'services:',
      '    web:',
      '        image: traefik:v3.1',
      '        volumes:',
      '        - "/var/run/docker.sock:/var/run/docker.sock:ro"',
      '        - "./traefik.yml:/etc/traefik/traefik.yml:ro"',
      '        networks:',
      '        - front',
      'networks:',
      '    front: {}',
    );
    assert.equal(
      fixed('compose.yaml', text, '/var/run/docker.sock:', 'proxy'),
      lines(
        'services:',
        '    web:',
        '        image: traefik:v3.1',
        '        volumes:',
        '        - "./traefik.yml:/etc/traefik/traefik.yml:ro"',
        '        networks:',
        '        - front',
        '        - docker-api',
        '        environment:',
        '            DOCKER_HOST: tcp://docker-socket-proxy:2375',
        '    docker-socket-proxy:',
        '        image: tecnativa/docker-socket-proxy',
        '        environment:',
        '            CONTAINERS: 1',
        '            POST: 0',
        '        volumes:',
        '        - /var/run/docker.sock:/var/run/docker.sock:ro',
        '        networks:',
        '        - docker-api',
        'networks:',
        '    front: {}',
        '    docker-api:',
        '        internal: true',
      ),
    );
  });

  it('keeps a service without networks on the default network', () => {
    const text = lines(
      'services:',
      '  agent:',
      '    image: a',
      '    volumes:',
      '      - /var/run/docker.sock:/var/run/docker.sock',
    );
    assert.equal(
      fixed('compose.yaml', text, '/var/run/docker.sock:', 'proxy'),
      lines(
        'services:',
        '  agent:',
        '    image: a',
        '    environment:',
        '      DOCKER_HOST: tcp://docker-socket-proxy:2375',
        '    networks:',
        '      - default',
        '      - docker-api',
        '  docker-socket-proxy:',
        '    image: tecnativa/docker-socket-proxy',
        '    environment:',
        '      CONTAINERS: 1',
        '      POST: 0',
        '    volumes:',
        '      - /var/run/docker.sock:/var/run/docker.sock:ro',
        '    networks:',
        '      - docker-api',
        'networks:',
        '  docker-api:',
        '    internal: true',
      ),
    );
  });

  it('suppresses with a reason above the finding, indented like it', () => {
    assert.equal(
      fixed('compose.yaml', AGENT, '/var/run/docker.sock:', 'suppress'),
      lines(
        'services:',
        '  agent:',
        '    image: portainer/agent:2.21',
        '    volumes:',
        "      # the host's engine",
        '      # docker-socket-guard-ignore DSG001: <reason>',
        '      - /var/run/docker.sock:/var/run/docker.sock',
        '      - agent-data:/data',
      ),
    );
  });

  it('moves a published 2375 to 2376 and removes a published port', () => {
    const text = lines(
      'services:',
      '  docker:',
      '    image: docker:dind',
      '    ports:',
      '      - "2375:2375"',
      '      - "8080:80"',
    );
    assert.equal(
      fixed('compose.yaml', text, '"2375:2375"', 'tls'),
      lines(
        'services:',
        '  docker:',
        '    image: docker:dind',
        '    ports:',
        '      - "2376:2376"',
        '      - "8080:80"',
      ),
    );
    assert.equal(
      fixed('compose.yaml', text, '"2375:2375"', 'remove'),
      lines('services:', '  docker:', '    image: docker:dind', '    ports:', '      - "8080:80"'),
    );
  });

  it('removes a flow-style mount and keeps the flow mapping', () => {
    const text = lines(
      'services:',
      '  app: { image: alpine, volumes: ["/var/run/docker.sock:/x"], init: true }',
    );
    assert.equal(
      fixed('compose.yaml', text, '/var/run/docker.sock', 'remove'),
      lines('services:', '  app: { image: alpine, init: true }'),
    );
  });

  it('keeps CRLF line ends and a missing final newline', () => {
    const text =
      'services:\r\n  app:\r\n    image: a\r\n    volumes:\r\n      - /var/run/docker.sock:/x\r\n    init: true';
    assert.equal(
      fixed('compose.yaml', text, '/var/run/docker.sock', 'remove'),
      'services:\r\n  app:\r\n    image: a\r\n    init: true',
    );
    const last =
      'services:\r\n  app:\r\n    image: a\r\n    volumes:\r\n      - /var/run/docker.sock:/x';
    assert.equal(
      fixed('compose.yaml', last, '/var/run/docker.sock', 'remove'),
      'services:\r\n  app:\r\n    image: a',
    );
  });

  it('removes a mount written in an anchor, keeping the anchor as an empty list', () => {
    const text = lines(
      'x-socket: &socket',
      '  - /var/run/docker.sock:/var/run/docker.sock',
      'services:',
      '  agent:',
      '    image: a',
      '    volumes: *socket',
    );
    assert.deepEqual(offered('compose.yaml', text, '/var/run/docker.sock:'), [
      'remove*',
      'suppress',
    ]);
    assert.equal(
      fixed('compose.yaml', text, '/var/run/docker.sock:', 'remove'),
      lines(
        'x-socket: &socket',
        '  []',
        'services:',
        '  agent:',
        '    image: a',
        '    volumes: *socket',
      ),
    );
  });

  it('offers nothing but suppress for a trusted socket proxy', () => {
    const text = lines(
      'services:',
      '  proxy:',
      '    image: tecnativa/docker-socket-proxy:0.3',
      '    volumes:',
      '      - /var/run/docker.sock:/var/run/docker.sock:ro',
    );
    assert.deepEqual(offered('compose.yaml', text, '/var/run/docker.sock:'), ['suppress']);
  });
});
