# syntax=docker/dockerfile:1.7
#
# Screenroom image: Bento4 built from source, the Maven build (with the player-web npm build),
# then a small JRE runtime.
#
#   docker build -t screenroom .
#   docker run -p 8080:8080 -v screenroom-data:/data -e SCREENROOM_ADMIN_PASSWORD=... screenroom
#
# Note: this file has not been built here, because the development machines have no container
# engine. It is written to be plausible and conservative; build it once on a machine with Docker
# and pin BENTO4_SHA256 (sha256sum of the release tarball) when you do.

ARG BENTO4_VERSION=1.6.0-641

# ---------------------------------------------------------------------------------------------
# (a) Bento4 from its pinned source release: mp4fragment and the tools mp4dash drives.
# ---------------------------------------------------------------------------------------------
FROM debian:bookworm-slim AS bento4
ARG BENTO4_VERSION
# Empty means "not verified yet"; set it to the tarball's sha256 to make the build check it.
ARG BENTO4_SHA256=""
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl cmake make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
RUN curl -fsSL --retry 3 -o bento4.tar.gz \
      "https://github.com/axiomatic-systems/Bento4/archive/refs/tags/v${BENTO4_VERSION}.tar.gz" \
 && if [ -n "${BENTO4_SHA256}" ]; then echo "${BENTO4_SHA256}  bento4.tar.gz" | sha256sum -c -; fi \
 && tar -xzf bento4.tar.gz \
 && mv "Bento4-${BENTO4_VERSION}" bento4
# mp4-dash.py calls mp4info, mp4dump, mp4split, mp4fragment and (for encryption) mp4encrypt.
RUN cmake -S bento4 -B build -DCMAKE_BUILD_TYPE=Release \
 && cmake --build build --parallel "$(nproc)" \
      --target mp4fragment mp4info mp4dump mp4split mp4encrypt
# Lay out /opt/bento4 as bin/ (binaries + mp4dash) and python/ (the packaging scripts).
RUN mkdir -p /opt/bento4/bin \
 && for tool in mp4fragment mp4info mp4dump mp4split mp4encrypt; do \
      install -m 0755 "build/${tool}" /opt/bento4/bin/; \
    done \
 && cp -r bento4/Source/Python /opt/bento4/python \
 && printf '%s\n' '#!/bin/sh' \
      '# Bento4 mp4dash, pointed at the binaries built beside it.' \
      'exec python3 /opt/bento4/python/utils/mp4-dash.py --exec-dir /opt/bento4/bin "$@"' \
      > /opt/bento4/bin/mp4dash \
 && chmod 0755 /opt/bento4/bin/mp4dash \
 && /opt/bento4/bin/mp4fragment 2>&1 | head -n 1

# ---------------------------------------------------------------------------------------------
# (b) The build: Maven runs the whole reactor, player-web included (npm ci + vite build).
# ---------------------------------------------------------------------------------------------
# The distributions' nodejs packages (Ubuntu noble and Debian bookworm: 18.x) are older than
# Vite 8 accepts (20.19+), so Node comes from the official image of a pinned major instead.
FROM node:22-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-17 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
WORKDIR /build
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    --mount=type=cache,target=/root/.npm \
    mvn -B -DskipTests package \
 && cp server/target/screenroom.jar /build/screenroom.jar

# ---------------------------------------------------------------------------------------------
# (c) Runtime.
# ---------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# libpulse0: the bundled ffmpeg links against it. python3: Bento4's mp4dash is a Python script.
# curl: the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpulse0 python3 curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=bento4 /opt/bento4 /opt/bento4
ENV PATH="/opt/bento4/bin:${PATH}"
# The bundled ffmpeg is extracted once into /data/cache (the data volume), not the image.
RUN useradd --system --create-home --home-dir /home/screenroom --shell /usr/sbin/nologin screenroom \
 && mkdir -p /data /app \
 && chown screenroom:screenroom /data
COPY --from=build /build/screenroom.jar /app/screenroom.jar
USER screenroom
WORKDIR /home/screenroom
VOLUME /data
EXPOSE 8080
# Checks the port the default CMD listens on; adjust if you run it with another --port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1
ENTRYPOINT ["java", "-jar", "/app/screenroom.jar"]
CMD ["serve", "--port", "8080", "--data", "/data"]
