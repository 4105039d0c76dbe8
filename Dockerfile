# Build: a static binary with migrations, templates and assets embedded.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/hakakses ./cmd/hakakses

# Run: no shell, no package manager, as an unprivileged user.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/hakakses /hakakses
EXPOSE 8080
USER nonroot:nonroot
# No shell or curl in the image: the binary probes its own /readyz.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["/hakakses", "healthcheck"]
# SIGTERM starts a graceful shutdown: requests, then jobs, each bounded by
# HAKAKSES_SHUTDOWN_TIMEOUT (8 s); give the container 20 s (compose's
# stop_grace_period, or docker run --stop-timeout 20).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/hakakses"]
CMD ["serve"]
