# A client image that reaches its daemon over mutually verified TLS.
FROM docker:27-cli
ENV DOCKER_HOST=tcp://docker:2376 \
    DOCKER_TLS_VERIFY=1 \
    DOCKER_CERT_PATH=/certs/client
# VOLUME only declares a container path; it cannot bind the host's socket.
VOLUME /var/run/docker.sock
EXPOSE 8080
RUN echo "never set DOCKER_HOST=tcp://docker:2375" > /etc/motd
CMD ["docker", "info"]
