# Test and lint in containers that only see the sources.
IMAGE := node:22

.PHONY: test lint
test:
	docker run --rm -v $(CURDIR):/src -w /src $(IMAGE) npm test

lint:
	@echo "lint: mount the sources, never /var/run/docker.sock"
	docker run --rm -v $(CURDIR):/src -w /src hadolint/hadolint hadolint Dockerfile
