#!/usr/bin/env bash
# Runs the test suite in a container; nothing here reaches the host daemon.
set -euo pipefail

echo "Never add -v /var/run/docker.sock:/var/run/docker.sock here."
docker run --rm -v "$(pwd)":/src -w /src node:22 npm test

# An inner Docker daemon under Sysbox needs no privileges.
docker run -d --name builder --runtime=sysbox-runc docker:27-dind

export DOCKER_HOST=tcp://builder.internal:2376
export DOCKER_TLS_VERIFY=1
docker info
