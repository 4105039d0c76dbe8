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
ENTRYPOINT ["/hakakses"]
CMD ["serve"]
