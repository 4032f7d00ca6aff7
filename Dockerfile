# syntax=docker/dockerfile:1
#
# Profile Bridge image: builds the executable jar with the Maven wrapper on a JDK 25, then runs it
# on a JRE 25 as an unprivileged user with the prod profile.
#
#   docker build -t profile-bridge .
#   docker compose up --build          (two instances, nginx, PostgreSQL, Redis: docker-compose.yml)
#
# JAVA_OPTS is passed to the JVM, e.g. -e JAVA_OPTS="-Xmx512m -XX:+UseZGC".

# ---- build stage ----------------------------------------------------------------------------------
FROM eclipse-temurin:25-jdk-noble AS build
WORKDIR /build

# Only what the build reads: the wrapper, the POMs and the sources of every module. Nothing from a
# local checkout's target/, data/ or .env gets into the build context's layers.
# (A new Maven module needs its two lines here; ComposeFileTests checks that.)
COPY --chmod=755 mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY backend/pom.xml backend/
COPY backend/src/ backend/src/
COPY widget-ui/pom.xml widget-ui/
COPY widget-ui/src/ widget-ui/src/
COPY embed/pom.xml embed/
COPY embed/src/ embed/src/
COPY app/pom.xml app/
COPY app/src/ app/src/

# The Maven distribution and the dependencies stay in a BuildKit cache between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests package

# ---- runtime stage --------------------------------------------------------------------------------
FROM eclipse-temurin:25-jre-noble

# A fixed, numeric, unprivileged user (orchestrators can verify runAsNonRoot with a numeric id).
RUN groupadd --system --gid 10001 bridge \
    && useradd --system --uid 10001 --gid bridge --home-dir /app --no-create-home --shell /usr/sbin/nologin bridge \
    && mkdir -p /app/data \
    && chown bridge:bridge /app/data

WORKDIR /app
# Owned by root and read-only for the app user: the running process cannot rewrite its own code.
COPY --from=build /build/app/target/profile-bridge.jar /app/profile-bridge.jar

ENV SPRING_PROFILES_ACTIVE=prod \
    JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001

# 8080: the application (behind the load balancer). 8081: management (health probes, Prometheus),
# for the orchestrator and the scraper only: never publish or route it (application-prod.yml).
EXPOSE 8080 8081

# Readiness (database included, CDP outages excluded; see management.endpoint.health in
# application.yml), on the management port. The JRE image has neither curl nor wget, so bash's
# /dev/tcp does the request.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8081} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q '^HTTP/[0-9.]* 200'"]

# exec: the JVM is PID 1 and receives SIGTERM itself, so the graceful shutdown runs on `docker stop`.
# An empty SPRING_PROFILES_ACTIVE (`-e SPRING_PROFILES_ACTIVE=`) would fall back to the demo profile
# with its public credentials: the container refuses to start instead.
ENTRYPOINT ["sh", "-c", ": \"${SPRING_PROFILES_ACTIVE:?SPRING_PROFILES_ACTIVE is empty: set prod (an empty value would start the public demo)}\" && exec java $JAVA_OPTS -jar /app/profile-bridge.jar \"$@\"", "profile-bridge"]
