import { strict as assert } from 'assert';
import {
  imageRepository,
  isDindImage,
  isSysboxRuntime,
  isTrustedImage,
  DEFAULT_TRUSTED_IMAGES,
} from '../../shared/detect/images';

describe('images', () => {
  it('reduces references to their repository', () => {
    assert.equal(imageRepository('docker.io/library/docker:27-dind'), 'docker');
    assert.equal(
      imageRepository('registry.local:5000/team/app:1.2@sha256:abc'),
      'registry.local:5000/team/app',
    );
    assert.equal(imageRepository('Tecnativa/Docker-Socket-Proxy'), 'tecnativa/docker-socket-proxy');
  });

  for (const image of [
    'docker:dind',
    'docker:27-dind',
    'docker:dind-rootless',
    'docker.io/library/docker:24.0.7-dind-alpine3.19',
    'cruizba/ubuntu-dind',
    'acme/dind-runner:3',
  ]) {
    it(`calls ${image} Docker-in-Docker`, () => assert.equal(isDindImage(image), true));
  }
  for (const image of [
    'docker:27-cli',
    'docker',
    'nginx:dind',
    'acme/kind:1',
    'acme/dindex',
    'windows',
  ]) {
    it(`does not call ${image} Docker-in-Docker`, () => assert.equal(isDindImage(image), false));
  }

  it('trusts the default socket proxies whatever their tag', () => {
    assert.equal(isTrustedImage('tecnativa/docker-socket-proxy:0.3', DEFAULT_TRUSTED_IMAGES), true);
    assert.equal(
      isTrustedImage('lscr.io/linuxserver/socket-proxy:latest', DEFAULT_TRUSTED_IMAGES),
      true,
    );
    assert.equal(isTrustedImage('portainer/portainer-ce', DEFAULT_TRUSTED_IMAGES), false);
    assert.equal(isTrustedImage(undefined, DEFAULT_TRUSTED_IMAGES), false);
  });

  it('matches trusted patterns with a star', () => {
    assert.equal(isTrustedImage('ghcr.io/acme/agents/ci-proxy:2', ['ghcr.io/acme/*-proxy']), false);
    assert.equal(isTrustedImage('ghcr.io/acme/ci-proxy:2', ['ghcr.io/acme/*-proxy']), true);
  });

  it('knows the Sysbox runtime', () => {
    assert.equal(isSysboxRuntime('sysbox-runc'), true);
    assert.equal(isSysboxRuntime('runc'), false);
    assert.equal(isSysboxRuntime(undefined), false);
  });
});
