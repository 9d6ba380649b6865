# Anarkali shop image.
#   docker build -t anarkali .
#   docker run -p 3000:3000 -v anarkali-var:/app/var anarkali
# The first start creates the SQLite database in /app/var (keep it on a volume), seeds the demo catalog and
# prints the owner's one-time password once (`docker logs`), unless ADMIN_EMAIL and ADMIN_PASSWORD are set.
# For MySQL/MariaDB pass DATABASE_URL=mysql://… or mariadb://…; see README.md and docs/deploy.md.
# scripts/image-check.sh builds this image and proves it (SQLite on a volume, then MariaDB); .ci/run runs it.

# --- dependencies: production packages only, without what nothing loads at run time: source maps, type
# declarations and TypeScript sources, documentation, TypeORM's browser build, SQLite's C sources and the
# other platforms' better-sqlite3 binaries (about 190 MB of node_modules become about 75). A stage of its
# own, on the package files alone, so a change to the code reuses it, and the image's layer, as it is.
# The compilers of this image (python3, make, g++) are here for any native addon without a prebuilt binary
# for this platform; better-sqlite3, sharp and argon2 bring theirs inside their npm packages.
FROM node:24-bookworm AS dependencies
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && find node_modules -type f \( -name '*.map' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' \
      -o -iname '*.md' -o -iname '*.markdown' \) -delete \
 && rm -rf node_modules/typeorm/browser node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
 && find node_modules/better-sqlite3/prebuilds -type f ! -name "$(node -p 'process.platform + "-" + process.arch').node" -delete

# --- build: compile TypeScript (with every package, the compiler included)
FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
# public/ may hold nothing tracked by git yet (a fresh clone then has no folder): make sure it exists.
RUN mkdir -p public views && npm run build && find dist -name '*.map' -delete

# --- runtime: the same Debian release (same glibc the addons were built for), no compilers, no npm cache
FROM node:24-bookworm-slim
# NO_COLOR: plain log lines (no terminal colour codes) for `docker logs` and log collectors.
# MALLOC_MMAP_THRESHOLD_ and --max-semi-space-size (CMD): the shop's memory under load, see docs/deploy.md.
ENV NODE_ENV=production PORT=3000 VAR_DIR=/app/var NO_COLOR=1 MALLOC_MMAP_THRESHOLD_=65536
WORKDIR /app
# Code stays owned by root and read-only for the app; only /app/var is writable.
COPY --from=build /app/package.json ./
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/views ./views
COPY --from=build /app/public ./public
RUN mkdir -p /app/var && chown node:node /app/var
VOLUME /app/var
USER node
EXPOSE 3000
# Every 10 s, so an engine that runs checks only at the interval (Docker before 25, Podman) calls a new
# container healthy within seconds of it being ready, not half a minute later.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "dist/src/health/readiness-probe.js"]
CMD ["node", "--max-semi-space-size=8", "dist/src/main.js"]
