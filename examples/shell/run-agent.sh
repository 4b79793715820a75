#!/usr/bin/env bash
# Starts a CI agent that builds images with the host's Docker daemon.
set -euo pipefail

AGENT_IMAGE="${AGENT_IMAGE:-ghcr.io/example/ci-agent:3.1}"
DOCKER_SOCK=/var/run/docker.sock

docker pull "$AGENT_IMAGE"
docker run -d --name ci-agent --restart unless-stopped \
  -v "$DOCKER_SOCK":/var/run/docker.sock \
  -v "$PWD/work":/work \
  -e AGENT_TOKEN \
  "$AGENT_IMAGE"

# A throwaway daemon for integration tests, published on the host's port 2375.
docker run -d --name test-daemon --privileged \
  -p 2375:2375 -e DOCKER_TLS_CERTDIR= \
  docker:27-dind

export DOCKER_HOST=tcp://localhost:2375
docker info
