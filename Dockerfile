# Multi-stage build: compile with the full Rust image, run on a slim Debian.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY .cargo .cargo
COPY .sqlx .sqlx
COPY migrations migrations
COPY src src
COPY benches benches
# .sqlx/ holds the query metadata, so no database is needed to build.
ENV SQLX_OFFLINE=true
RUN cargo build --release --locked --bin whosaid

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /nonexistent whosaid
COPY --from=build /src/target/release/whosaid /usr/local/bin/whosaid
USER whosaid
ENV WHOSAID_ADDR=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["whosaid"]
CMD ["serve"]
