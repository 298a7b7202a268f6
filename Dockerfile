# Build: docker build -t gerbang .   Run: docker run -p 8080:8080 -v gerbang-data:/app/data gerbang
# Not built in CI (the build machines have no Docker engine); kept deliberately plain.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY conf conf
COPY webroot webroot
COPY src src
RUN ./mvnw -B -q package -DskipTests -Dcds.skip=true

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app gerbang
WORKDIR /app
COPY --from=build /src/target/gerbang.jar /app/gerbang.jar
# The class-data-sharing archive is made here, by this image's JVM and for this jar (docs/operations.md, Start-up).
RUN java -XX:ArchiveClassesAtExit=/app/gerbang.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -jar /app/gerbang.jar train
COPY conf /app/conf
RUN mkdir -p /app/data && chown -R gerbang /app/data
USER gerbang
ENV GERBANG_DATA_DIR=/app/data
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
# exec form: SIGTERM reaches the JVM, whose shutdown hook drains requests before exit.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/gerbang.jsa", "-jar", "/app/gerbang.jar"]
